/**
 * Save / load of our trained BPE tokenizers: a small JSON format of our own.
 *
 *   {
 *     "format": "llmlab-bpe",          // fixed tag
 *     "version": 1,
 *     "name": "BPE 4096 (austen)",     // display name
 *     "pattern": "'s|'t|…",            // pre-tokenization regex source, compiled with flags "gu"
 *     "merges": [[32, 116], [104, 101], …],  // merge i makes id 256+i from ids (a, b)
 *     "specialTokens": { "<|endoftext|>": 4095 }  // text → id (after the merges)
 *   }
 *
 * Ids 0…255 are the raw bytes; bytes(256+i) = bytes(a) ++ bytes(b); text is split with the
 * pattern, each piece is UTF-8 encoded and merged by the lowest merge index, leftmost first.
 * That is all another implementation (e.g. Python in training/) needs to encode and decode.
 * Vocabularies loaded from tiktoken ranks are not saved in this format (they have no merges).
 */
import { BpeTokenizer } from './encode';
import { fromMerges } from './model';

export const BPE_FORMAT = 'llmlab-bpe';
export const BPE_FORMAT_VERSION = 1;

export interface BpeJson {
  format: typeof BPE_FORMAT;
  version: number;
  name: string;
  pattern: string;
  merges: [number, number][];
  specialTokens: Record<string, number>;
}

/** Serialize a merges-based tokenizer to our JSON object (JSON.stringify it to save). */
export function tokenizerToJSON(tok: BpeTokenizer): BpeJson {
  if (tok.model.kind !== 'merges') throw new Error('only tokenizers trained here (with merges) can be saved as llmlab-bpe');
  return {
    format: BPE_FORMAT,
    version: BPE_FORMAT_VERSION,
    name: tok.name,
    pattern: tok.model.pattern,
    merges: tok.model.merges.map(([a, b]) => [a, b]),
    specialTokens: Object.fromEntries(tok.model.specialTokens),
  };
}

/** Load a tokenizer from our JSON (object or string). Throws a clear error on bad input. */
export function loadBpe(json: BpeJson | string): BpeTokenizer {
  const j = (typeof json === 'string' ? JSON.parse(json) : json) as Partial<BpeJson>;
  if (j.format !== BPE_FORMAT) throw new Error(`not an ${BPE_FORMAT} file (format=${String(j.format)})`);
  if (j.version !== BPE_FORMAT_VERSION) throw new Error(`unsupported ${BPE_FORMAT} version ${String(j.version)}`);
  if (typeof j.pattern !== 'string' || !Array.isArray(j.merges)) throw new Error('llmlab-bpe: missing pattern or merges');
  for (const m of j.merges) {
    if (!Array.isArray(m) || m.length !== 2 || !Number.isInteger(m[0]) || !Number.isInteger(m[1])) {
      throw new Error('llmlab-bpe: each merge must be [a, b] with integer ids');
    }
  }
  const specials = new Map(Object.entries(j.specialTokens ?? {}));
  return new BpeTokenizer(fromMerges(j.merges, j.pattern, specials), j.name ?? 'BPE');
}

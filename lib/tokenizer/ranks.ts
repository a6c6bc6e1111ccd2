/**
 * Loading existing tiktoken-style vocabularies (GPT-2 r50k, cl100k) as BpeTokenizers.
 *
 * Two inputs are understood:
 *  - the plain `.tiktoken` text format: one "base64(bytes) rank" per line
 *    (gpt-tokenizer ships these under node_modules/gpt-tokenizer/data/*.tiktoken);
 *  - js-tiktoken's rank modules (`js-tiktoken/ranks/gpt2`, `…/cl100k_base`): an object
 *    { pat_str, special_tokens, bpe_ranks } where bpe_ranks has lines
 *    "<label> <first rank> <b64> <b64> …" giving consecutive ranks from <first rank>.
 *
 * The ranks become the ids. We use our own pre-tokenization patterns (pretokenize.ts), which
 * the tests check against js-tiktoken's encodings.
 */
import { BpeTokenizer } from './encode';
import { fromRanks } from './model';
import { CL100K_PATTERN, GPT2_PATTERN } from './pretokenize';

function b64ToKey(b64: string): string {
  return atob(b64); // atob yields one char per byte: exactly our latin1 byte-string key
}

/** Parse the `.tiktoken` text format into latin1 byte-string → rank. */
export function parseTiktokenFile(text: string): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const sp = line.indexOf(' ');
    ranks.set(b64ToKey(line.slice(0, sp)), Number.parseInt(line.slice(sp + 1), 10));
  }
  return ranks;
}

export interface JsTiktokenRanks {
  pat_str: string;
  special_tokens: Record<string, number>;
  bpe_ranks: string;
}

/** Parse js-tiktoken's compressed bpe_ranks string into latin1 byte-string → rank. */
export function parseJsTiktokenRanks(bpeRanks: string): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const line of bpeRanks.split('\n')) {
    if (!line) continue;
    const parts = line.split(' ');
    const first = Number.parseInt(parts[1], 10);
    for (let i = 2; i < parts.length; i++) ranks.set(b64ToKey(parts[i]), first + i - 2);
  }
  return ranks;
}

/** Known patterns by encoding name (ours, tested against js-tiktoken). */
const PATTERN_OF: Record<string, string> = { gpt2: GPT2_PATTERN, r50k_base: GPT2_PATTERN, cl100k_base: CL100K_PATTERN };

/** A BpeTokenizer from ranks + special tokens (e.g. the parsed .tiktoken file). */
export function tokenizerFromRanks(
  ranks: Map<string, number>,
  pattern: string,
  specialTokens: Record<string, number>,
  name: string,
): BpeTokenizer {
  return new BpeTokenizer(fromRanks(ranks, pattern, new Map(Object.entries(specialTokens))), name);
}

/** A BpeTokenizer from one of js-tiktoken's rank modules; `encoding` picks our pattern. */
export function tokenizerFromJsTiktoken(data: JsTiktokenRanks, encoding: 'gpt2' | 'r50k_base' | 'cl100k_base'): BpeTokenizer {
  const name = encoding === 'cl100k_base' ? 'cl100k (GPT-4)' : 'GPT-2 (r50k)';
  return tokenizerFromRanks(parseJsTiktokenRanks(data.bpe_ranks), PATTERN_OF[encoding], data.special_tokens, name);
}

/** GPT-2's vocabulary (50,257 ids), loaded lazily from js-tiktoken's rank data (~0.5 MB). */
export async function loadGpt2(): Promise<BpeTokenizer> {
  const mod = await import('js-tiktoken/ranks/gpt2');
  return tokenizerFromJsTiktoken(mod.default as JsTiktokenRanks, 'gpt2');
}

/** GPT-4's cl100k vocabulary (100,277 ids), loaded lazily from js-tiktoken (~1 MB). */
export async function loadCl100k(): Promise<BpeTokenizer> {
  const mod = await import('js-tiktoken/ranks/cl100k_base');
  return tokenizerFromJsTiktoken(mod.default as JsTiktokenRanks, 'cl100k_base');
}

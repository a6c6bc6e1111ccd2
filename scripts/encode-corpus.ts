/**
 * Corpus → tokenizer → token files for training/ (PyTorch on the GPU machine).
 *
 *   npx tsx scripts/encode-corpus.ts            # reuse models/tokenizer/austen-bpe-4096.json if present
 *   npx tsx scripts/encode-corpus.ts --retrain  # train the BPE vocabulary again first
 *
 * 1. Split training/data/austen.txt: the first 95% of its characters (cut moved forward to the
 *    next newline) is the training text, the rest is validation. Same split as the reference run.
 * 2. Train a byte-level BPE of 4096 ids (256 bytes + 3840 merges, GPT-2 pre-tokenization, no
 *    special tokens) on the TRAINING text only, with lib/tokenizer; save it as llmlab-bpe JSON.
 * 3. Encode austen train / val and the extra corpora (moby-dick, kjv) to raw little-endian
 *    uint16 files (training/data/*.bin), check decode(encode(text)) === text for each,
 *    encode the fixed prompts (training/data/prompts.json), and write training/data/tokens.json
 *    (split offsets, counts, sha256 of every file) so a retrain can verify its inputs.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadBpe, tokenizerToJSON, trainBpe, type BpeTokenizer } from '@/lib/tokenizer/bpe';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..');
const DATA = join(ROOT, 'training/data');
const TOKENIZER = join(ROOT, 'models/tokenizer/austen-bpe-4096.json');
const VOCAB = 4096;
const TRAIN_FRACTION = 0.95;

/** Fixed prompts: the first two are the fixtures' cases, the first three give the samples. */
const PROMPTS: { name: string; text: string }[] = [
  { name: 'truth', text: 'It is a truth universally acknowledged, that' },
  { name: 'elizabeth', text: '"My dear Lizzy," said her father, "I' },
  { name: 'weather', text: 'The morning was fine, and Emma' },
];

const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

/** Index of the first character after the newline at or after floor(fraction · length). */
export function splitPoint(text: string, fraction: number): number {
  const nl = text.indexOf('\n', Math.floor(text.length * fraction));
  return nl < 0 ? text.length : nl + 1;
}

function toUint16(ids: number[]): Uint8Array {
  const out = new Uint8Array(ids.length * 2);
  const view = new DataView(out.buffer);
  ids.forEach((id, i) => {
    if (id < 0 || id > 0xffff) throw new Error(`id ${id} does not fit uint16`);
    view.setUint16(i * 2, id, true);
  });
  return out;
}

function encodeChecked(tok: BpeTokenizer, text: string, what: string): number[] {
  const t0 = performance.now();
  const ids = tok.encode(text);
  if (tok.decode(ids) !== text) throw new Error(`${what}: decode(encode(text)) differs from the text`);
  console.log(`${what}: ${text.length} chars → ${ids.length} tokens (${(text.length / ids.length).toFixed(2)} chars/token, ${Math.round(performance.now() - t0)} ms)`);
  return ids;
}

function main(): void {
  const retrain = process.argv.includes('--retrain');
  const austen = readFileSync(join(DATA, 'austen.txt'), 'utf8');
  const cut = splitPoint(austen, TRAIN_FRACTION);
  const train = austen.slice(0, cut);
  const val = austen.slice(cut);

  let tok: BpeTokenizer;
  if (retrain || !existsSync(TOKENIZER)) {
    const t0 = performance.now();
    const res = trainBpe(train, VOCAB, { name: 'BPE 4096 (austen)' });
    tok = res.tokenizer;
    mkdirSync(dirname(TOKENIZER), { recursive: true });
    writeFileSync(TOKENIZER, JSON.stringify(tokenizerToJSON(tok)) + '\n');
    console.log(`trained ${res.merges.length} merges in ${Math.round(performance.now() - t0)} ms (${res.stats.uniqueWords} unique words)`);
  } else {
    tok = loadBpe(readFileSync(TOKENIZER, 'utf8'));
  }
  if (tok.vocabSize !== VOCAB) throw new Error(`tokenizer has ${tok.vocabSize} ids, expected ${VOCAB}`);

  const files: Record<string, { source: string; chars: [number, number]; tokens: number; sha256: string }> = {};
  const write = (name: string, ids: number[], source: string, chars: [number, number]) => {
    const bytes = toUint16(ids);
    writeFileSync(join(DATA, name), bytes);
    files[name] = { source, chars, tokens: ids.length, sha256: sha256(bytes) };
  };
  write('austen.train.bin', encodeChecked(tok, train, 'austen train'), 'austen.txt', [0, cut]);
  write('austen.val.bin', encodeChecked(tok, val, 'austen val'), 'austen.txt', [cut, austen.length]);
  for (const extra of ['moby-dick', 'kjv']) {
    const text = readFileSync(join(DATA, `${extra}.txt`), 'utf8');
    write(`${extra}.bin`, encodeChecked(tok, text, extra), `${extra}.txt`, [0, text.length]);
  }

  const prompts = PROMPTS.map((p) => ({ ...p, ids: tok.encode(p.text) }));
  writeFileSync(join(DATA, 'prompts.json'), JSON.stringify(prompts, null, 1) + '\n');
  const meta = {
    tokenizer: 'models/tokenizer/austen-bpe-4096.json',
    tokenizerSha256: sha256(readFileSync(TOKENIZER)),
    vocabSize: VOCAB,
    format: 'raw little-endian uint16 token ids, no header',
    split: `austen.txt chars [0, ${cut}) train, [${cut}, ${austen.length}) validation (95% cut moved to the next newline)`,
    textSha256: Object.fromEntries(['austen', 'moby-dick', 'kjv'].map((n) => [`${n}.txt`, sha256(readFileSync(join(DATA, `${n}.txt`)))])),
    files,
  };
  writeFileSync(join(DATA, 'tokens.json'), JSON.stringify(meta, null, 2) + '\n');
  console.log(`wrote ${Object.keys(files).length} token files and prompts.json`);
}

main();

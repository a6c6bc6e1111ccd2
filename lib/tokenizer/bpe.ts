/**
 * Byte-level BPE, the public entry point (GPT-2 style). Everything a caller needs:
 *
 *   const { tokenizer, merges, trace } = trainBpe(text, 4096, { pattern: GPT2_PATTERN,
 *                                                            specialTokens: ['<|endoftext|>'] });
 *   const ids = tokenizer.encode('It is a truth universally acknowledged');
 *   tokenizer.decode(ids);                         // the text again
 *   const json = JSON.stringify(tokenizerToJSON(tokenizer));   // save (format: serialize.ts)
 *   const again = loadBpe(json);                   // load
 *   const gpt2 = await loadGpt2();                 // GPT-2's own 50,257-token vocabulary
 *
 * Files: pretokenize.ts (split regexes), model.ts (data), merge.ts (encode loop),
 * encode.ts (BpeTokenizer), train.ts (trainer + merge trace), serialize.ts (JSON),
 * ranks.ts (tiktoken rank files).
 */
export { BpeTokenizer } from './encode';
export type { AllowedSpecial, EncodeOptions, MergeNode } from './encode';
export type { EncodeStep } from './merge';
export { trainBpe, countWords } from './train';
export type { MergeStep, TrainBpeOptions, TrainBpeResult, TrainProgress } from './train';
export { tokenizerToJSON, loadBpe, BPE_FORMAT } from './serialize';
export type { BpeJson } from './serialize';
export { loadGpt2, loadCl100k, parseTiktokenFile, parseJsTiktokenRanks, tokenizerFromRanks, tokenizerFromJsTiktoken } from './ranks';
export { fromMerges, fromRanks, pairKey } from './model';
export type { BpeModel } from './model';
export { GPT2_PATTERN, CL100K_PATTERN, WHITESPACE_PATTERN, PATTERNS, splitPieces, toWellFormed } from './pretokenize';

import { BpeTokenizer as Bpe } from './encode';
import { fromMerges as buildFromMerges } from './model';

/**
 * The tokenizer as it was after the first k merges of training (for scrubbing through the
 * merge trace: encode a sample with bpeAtStep(t, k) for k = 0 … merges.length).
 * Special tokens are dropped (their ids would collide with later merges).
 */
export function bpeAtStep(tok: Bpe, k: number): Bpe {
  if (tok.model.kind !== 'merges') throw new Error('bpeAtStep needs a trained (merges) tokenizer');
  const n = Math.max(0, Math.min(k, tok.model.merges.length));
  return new Bpe(buildFromMerges(tok.model.merges.slice(0, n), tok.model.pattern), `${tok.name} @ ${n} merges`);
}

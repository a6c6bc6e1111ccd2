/**
 * lib/tokenizer public surface: every tokenizer behind the Tokenizer interface, and
 * reviveTokenizer(json) that rebuilds any of our saved formats (llmlab-bpe, -wordpiece,
 * -unigram, -char), e.g. from a worker's `trained` message or a file in models/.
 */
import { CharTokenizer } from './char';
import { loadBpe, type BpeJson } from './serialize';
import type { Tokenizer } from './types';
import { UnigramTokenizer } from './unigram';
import { WordPieceTokenizer } from './wordpiece';

export * from './bpe';
export type { Tokenizer, TokenSpan } from './types';
export { ByteTokenizer } from './byte';
export { CharTokenizer } from './char';
export { WordPieceTokenizer, WP_SPECIALS, wordpiecePretokenize } from './wordpiece';
export { trainWordPiece } from './wordpiece-train';
export type { WpMergeStep, TrainWordPieceOptions } from './wordpiece-train';
export { UnigramTokenizer, normalizeUnigram, SPACE, UNK } from './unigram';
export type { Segmentation, UnigramPiece } from './unigram';
export { trainUnigram } from './unigram-train';
export type { UnigramRound, TrainUnigramOptions } from './unigram-train';
export { MAX_TRAIN_BYTES, MAX_MAIN_THREAD_TRAIN_BYTES, MAX_SPANS_TEXT } from './protocol';
export type { WorkerRequest, WorkerResponse } from './protocol';
export { TokenizerWorkerClient } from './worker-client';

/** Rebuild a tokenizer from any of our JSON formats (object or string). */
export function reviveTokenizer(json: unknown): Tokenizer {
  const j = (typeof json === 'string' ? JSON.parse(json) : json) as { format?: string };
  switch (j.format) {
    case 'llmlab-bpe':
      return loadBpe(j as BpeJson);
    case 'llmlab-wordpiece': {
      const w = j as { vocab: string[]; lowercase: boolean; stripAccents: boolean; name: string };
      return new WordPieceTokenizer(w.vocab, { lowercase: w.lowercase, stripAccents: w.stripAccents, name: w.name });
    }
    case 'llmlab-unigram':
      return UnigramTokenizer.fromJSON(j as { format: string; name: string; pieces: [string, number][] });
    case 'llmlab-char':
      return CharTokenizer.fromJSON(j as { format: string; name: string; chars: string[] });
    default:
      throw new Error(`unknown tokenizer format ${String(j.format)}`);
  }
}

/**
 * Typed messages between the page and the tokenizer Web Worker (worker.ts), plus the size
 * limits the UI shows. Import this file (not worker.ts) from UI code.
 *
 * Flow: the page posts a request with a reqId; the worker answers with zero or more
 * `progress` messages, then exactly one `trained` / `encoded` / `loaded` / `error` with the
 * same reqId. Tokenizers stay in the worker under a handle; `trained` also carries the JSON so
 * the page can rebuild the tokenizer for small interactive encodes without a round trip.
 * Training is synchronous inside the worker: to cancel, terminate the worker and start a new one.
 */
import type { MergeStep } from './train';
import type { UnigramRound } from './unigram-train';
import type { WpMergeStep } from './wordpiece-train';
import type { TokenSpan } from './types';

/** Largest training text the worker accepts (bytes of UTF-16 length × ~1; checked on text.length). */
export const MAX_TRAIN_BYTES = 8 * 1024 * 1024;
/** Largest text to train on the main thread without the worker (keeps the page responsive). */
export const MAX_MAIN_THREAD_TRAIN_BYTES = 64 * 1024;
/** Largest text the worker encodes with spans in one message (spans are ~100 bytes each). */
export const MAX_SPANS_TEXT = 1024 * 1024;

export type TrainableKind = 'bpe' | 'wordpiece' | 'unigram';
export type PresetName = 'gpt2' | 'cl100k';

export interface TrainRequest {
  type: 'train';
  reqId: number;
  kind: TrainableKind;
  text: string;
  vocabSize: number;
  /** bpe: pattern, specialTokens, minFrequency; wordpiece: lowercase, stripAccents. */
  options?: { pattern?: string; specialTokens?: string[]; minFrequency?: number; lowercase?: boolean; stripAccents?: boolean; name?: string };
}
export interface EncodeRequest {
  type: 'encode';
  reqId: number;
  handle: string;
  text: string;
  spans?: boolean;
}
export interface LoadRequest {
  type: 'load';
  reqId: number;
  preset: PresetName;
}
export interface DisposeRequest {
  type: 'dispose';
  reqId: number;
  handle: string;
}
export type WorkerRequest = TrainRequest | EncodeRequest | LoadRequest | DisposeRequest;

export interface ProgressMessage {
  type: 'progress';
  reqId: number;
  phase: string;
  done: number;
  total: number;
}
export interface TrainedMessage {
  type: 'trained';
  reqId: number;
  handle: string;
  kind: TrainableKind;
  /** tokenizerToJSON / toJSON of the result (revive with reviveTokenizer in index.ts). */
  json: unknown;
  trace: MergeStep[] | WpMergeStep[] | UnigramRound[];
  vocabSize: number;
  ms: number;
}
export interface EncodedMessage {
  type: 'encoded';
  reqId: number;
  ids: Int32Array;
  spans?: TokenSpan[];
  ms: number;
}
export interface LoadedMessage {
  type: 'loaded';
  reqId: number;
  handle: string;
  name: string;
  vocabSize: number;
}
export interface ErrorMessage {
  type: 'error';
  reqId: number;
  message: string;
}
export interface DisposedMessage {
  type: 'disposed';
  reqId: number;
}
export type WorkerResponse = ProgressMessage | TrainedMessage | EncodedMessage | LoadedMessage | ErrorMessage | DisposedMessage;

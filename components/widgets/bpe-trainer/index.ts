import { lazy } from 'react';
import { bool, defineSchema, int, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

/** Opening of Pride and Prejudice (Jane Austen, 1813; public domain). */
export const DEFAULT_CORPUS =
  'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife. ' +
  'However little known the feelings or views of such a man may be on his first entering a neighbourhood, this truth is so well fixed in the minds of the surrounding families, that he is considered the rightful property of some one or other of their daughters.';

/** Largest corpus kept in the URL (code points); above MAX_MAIN_THREAD_TRAIN_BYTES training runs in a worker. */
export const MAX_CORPUS = 100_000;

export const bpeTrainerSchema = defineSchema({
  corpus: str({ default: DEFAULT_CORPUS, maxLength: MAX_CORPUS }),
  vocab: int({ default: 320, min: 257, max: 4096 }),
  trained: bool(false),
  step: int({ default: 0, min: 0, max: 4096 }),
  /** Token whose merge tree is shown (-1: none). */
  sel: int({ default: -1, min: -1, max: 4096 }),
});
export type BpeTrainerState = typeof bpeTrainerSchema.defaults;

export default defineWidget<BpeTrainerState>({
  id: 'bpe-trainer',
  title: 'Train a BPE tokenizer, merge by merge',
  description: 'Train byte-pair encoding on your own text, then scrub through the merges: merge table, vocabulary, bytes-per-token curve and merge trees.',
  schema: bpeTrainerSchema,
  controls: ['corpus', 'vocab', 'step'],
  minHeight: 480,
  Component: lazy(() => import('./BpeTrainer')),
});

import { lazy } from 'react';
import { defineSchema, float, int, seed, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

/** Code points the text box and the URL take (a longer paste is cut with a note). */
export const MAX_TEXT = 40;

export const unigramSamplesSchema = defineSchema({
  text: str({ default: 'unbelievable', maxLength: MAX_TEXT }),
  /** Inverse temperature of sampling: P(segmentation)^alpha. */
  alpha: float({ default: 0.3, min: 0, max: 3 }),
  seed: seed(7),
  /** How many best segmentations to list. */
  nbest: int({ default: 6, min: 1, max: 20 }),
  /** How many segmentations to sample. */
  samples: int({ default: 8, min: 1, max: 30 }),
  vocab: int({ default: 800, min: 300, max: 2000 }),
});
export type UnigramSamplesState = typeof unigramSamplesSchema.defaults;

export default defineWidget<UnigramSamplesState>({
  id: 'unigram-samples',
  title: 'Unigram: many ways to cut a word',
  description: 'The best segmentations of a word under a Unigram tokenizer with their probabilities, and random ones drawn for subword regularization.',
  schema: unigramSamplesSchema,
  controls: ['text', 'alpha', 'seed', 'nbest', 'samples'],
  minHeight: 380,
  Component: lazy(() => import('./UnigramSamples')),
});

import { lazy } from 'react';
import { defineSchema, int, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const embedMapSchema = defineSchema({
  /** The token whose neighbours are listed (a word; it must be one token with its leading space). */
  word: str({ default: 'three', maxLength: 40 }),
  /** How many word-start tokens are drawn (the first ones in merge order). */
  count: int({ default: 300, min: 20, max: 2000 }),
  /** How many cosine neighbours are listed. */
  k: int({ default: 8, min: 1, max: 20 }),
});
export type EmbedMapState = typeof embedMapSchema.defaults;

export default defineWidget<EmbedMapState>({
  id: 'embed-map',
  title: 'The embedding space of lm in 2-D',
  description: 'lm’s 4096 × 128 token-embedding table projected on its two principal components (PCA computed in your browser), with any word’s nearest neighbours by cosine similarity in the full 128 dimensions.',
  schema: embedMapSchema,
  controls: ['word', 'count', 'k'],
  minHeight: 560,
  Component: lazy(() => import('./EmbedMap')),
});

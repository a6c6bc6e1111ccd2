import { lazy } from 'react';
import { defineSchema, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const embedAnalogySchema = defineSchema({
  /** a : b :: c : expected — the search is for b − a + c. */
  a: str({ default: 'brother', maxLength: 40 }),
  b: str({ default: 'sister', maxLength: 40 }),
  c: str({ default: 'son', maxLength: 40 }),
  expected: str({ default: 'daughter', maxLength: 40 }),
});
export type EmbedAnalogyState = typeof embedAnalogySchema.defaults;

export default defineWidget<EmbedAnalogyState>({
  id: 'embed-analogy',
  title: 'Analogies by vector arithmetic in lm',
  description: 'a is to b as c is to ?: the nearest tokens to b − a + c in lm’s embedding table, the rank of the answer you expect, the “only c” baseline, and a fixed set of analogies measured honestly.',
  schema: embedAnalogySchema,
  controls: ['a', 'b', 'c', 'expected'],
  minHeight: 520,
  Component: lazy(() => import('./EmbedAnalogy')),
});

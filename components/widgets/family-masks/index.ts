import { lazy } from 'react';
import { defineSchema, int, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const familyMasksSchema = defineSchema({
  /** the sentence: the whole input of encoder-only and decoder-only, the encoder's source in an encoder-decoder */
  text: str({ default: 'It is a truth universally acknowledged, that a single man', maxLength: 200 }),
  /** what an encoder-decoder's decoder writes (e.g. a summary) */
  target: str({ default: 'A rich man needs a wife.', maxLength: 120 }),
  /** the query row whose visible keys are outlined in every panel */
  query: int({ default: 3, min: 0, max: 23 }),
});
export type FamilyMasksState = typeof familyMasksSchema.defaults;

export default defineWidget<FamilyMasksState>({
  id: 'family-masks',
  title: 'Who sees whom: the masks of the three Transformer families',
  description: 'Your sentence under a decoder-only (causal) mask, an encoder-only (bidirectional) mask, and an encoder-decoder (bidirectional encoder, causal decoder, cross-attention from every target token to every source token); one query row highlighted.',
  schema: familyMasksSchema,
  controls: ['text', 'target', 'query'],
  minHeight: 520,
  Component: lazy(() => import('./FamilyMasks')),
});

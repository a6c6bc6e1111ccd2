import { lazy } from 'react';
import { defineSchema, int, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

/** Code points the prompt box and the URL take (a longer paste is cut with a note). */
export const MAX_PROMPT = 300;

export const beamSearchSchema = defineSchema({
  prompt: str({ default: 'It is a truth universally acknowledged, that a', maxLength: MAX_PROMPT }),
  width: int({ default: 3, min: 1, max: 5 }),
  steps: int({ default: 6, min: 1, max: 10 }),
});
export type BeamSearchState = typeof beamSearchSchema.defaults;

export default defineWidget<BeamSearchState>({
  id: 'beam-search',
  title: 'Beam search, drawn',
  description: 'Beam search on the lab language model: the beams kept at every step with their summed log-probabilities, the best hypothesis, and greedy decoding for comparison.',
  schema: beamSearchSchema,
  controls: ['prompt', 'width', 'steps'],
  minHeight: 520,
  Component: lazy(() => import('./BeamSearch')),
});

import { lazy } from 'react';
import { defineSchema, enumOf, float, int, seed } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const selfConsistencySchema = defineSchema({
  /** Which cloze item's context the model continues (0-based). */
  item: int({ default: 0, min: 0, max: 27 }),
  /** Samples voted over. */
  k: int({ default: 9, min: 1, max: 25 }),
  temperature: float({ default: 1, min: 0.1, max: 2 }),
  seed: seed(7),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type SelfConsistencyState = typeof selfConsistencySchema.defaults;

export default defineWidget<SelfConsistencyState>({
  id: 'self-consistency',
  title: 'Self-consistency: sample k answers, take the vote',
  description: 'lm continues a cloze context k times at a temperature; the most frequent first word is compared with the greedy answer, measured in your browser.',
  schema: selfConsistencySchema,
  controls: ['item', 'k', 'temperature', 'seed', 'backend'],
  minHeight: 360,
  Component: lazy(() => import('./SelfConsistency')),
});

import { lazy } from 'react';
import { defineSchema, enumOf, int, seed } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const headsSchema = defineSchema({
  /** Seed of the random token block (lib/interp/random-seq.ts). */
  seed: seed(1),
  /** Tokens in the block; the model reads the block twice. */
  period: int({ default: 30, min: 5, max: 100 }),
  kind: enumOf(['induction', 'previous', 'first'] as const, 'induction'),
  /** The head whose pattern on the block is drawn. */
  layer: int({ default: 4, min: 0, max: 7 }),
  head: int({ default: 3, min: 0, max: 3 }),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type HeadsState = typeof headsSchema.defaults;

export default defineWidget<HeadsState>({
  id: 'attention-heads',
  title: 'What do the heads do? Scoring all 32',
  description: 'The Austen model reads a block of random tokens twice; every head gets a previous-token, a first-token and an induction (prefix-matching) score, measured live and ranked.',
  schema: headsSchema,
  controls: ['seed', 'period', 'kind', 'layer', 'head', 'backend'],
  minHeight: 420,
  Component: lazy(() => import('./Heads')),
});

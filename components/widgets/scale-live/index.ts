import { lazy } from 'react';
import { defineSchema, float, seed } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const scaleLiveSchema = defineSchema({
  /** log10 of the compute budget C (FLOPs) every model gets. */
  logC: float({ default: 9, min: 8, max: 10 }),
  seed: seed(1),
});
export type ScaleLiveState = typeof scaleLiveSchema.defaults;

export default defineWidget<ScaleLiveState>({
  id: 'scale-live',
  title: 'A scaling experiment in your browser',
  description: 'Four tiny character-level Transformers (widths 16 to 48) trained from scratch in a Web Worker for the same compute budget C = 6ND: held-out loss against compute for each, final loss against size, and a least-squares fit of L(N) = E + A·N^−α.',
  schema: scaleLiveSchema,
  controls: ['logC', 'seed'],
  minHeight: 640,
  Component: lazy(() => import('./ScaleLive')),
});

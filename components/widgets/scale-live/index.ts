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
  description: 'Four tiny character-level Transformers (widths 8 to 24) trained from scratch in a Web Worker for the same compute budget C = 6ND: held-out loss against compute for each, final loss against size, and a parabola in ln N whose minimum is the compute-optimal size (an IsoFLOP profile).',
  schema: scaleLiveSchema,
  controls: ['logC', 'seed'],
  minHeight: 640,
  Component: lazy(() => import('./ScaleLive')),
});

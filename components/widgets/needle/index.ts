import { lazy } from 'react';
import { defineSchema, enumOf, int } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const needleSchema = defineSchema({
  /** Trials per cell (seeds 1 … n pick the name and the held-out window). */
  seeds: int({ default: 4, min: 1, max: 20 }),
  /** Longest context tried (lm was trained on 256). */
  maxLength: enumOf(['256', '512', '1024'] as const, '1024'),
  /** What a heatmap cell shows. */
  show: enumOf(['picked', 'greedy', 'logp'] as const, 'picked'),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type NeedleState = typeof needleSchema.defaults;

export default defineWidget<NeedleState>({
  id: 'needle',
  title: 'Needle in a haystack: retrieval by depth and length, measured',
  description: 'A name is planted at a chosen depth of held-out Austen text and lm is asked for it, at context lengths up to 4× its training length: accuracy per cell, measured in your browser.',
  schema: needleSchema,
  controls: ['seeds', 'maxLength', 'show', 'backend'],
  minHeight: 420,
  Component: lazy(() => import('./Needle')),
});

import { lazy } from 'react';
import { defineSchema, enumOf, int } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const SPARSE_KINDS = ['window', 'dilated-window', 'strided', 'global-local'] as const;

export const sparseMasksSchema = defineSchema({
  /** the pattern (lib/longctx/sparse-masks.ts) */
  pattern: enumOf(SPARSE_KINDS, 'strided'),
  /** local keys (window length; number of keys for dilated-window) */
  size: int({ default: 16, min: 1, max: 128 }),
  /** stride, dilation or global period */
  period: int({ default: 16, min: 1, max: 128 }),
  /** tokens drawn in the picture */
  draw: int({ default: 64, min: 8, max: 256 }),
  /** held-out windows of 256 tokens measured */
  windows: int({ default: 2, min: 1, max: 4 }),
});
export type SparseMasksState = typeof sparseMasksSchema.defaults;

export default defineWidget<SparseMasksState>({
  id: 'sparse-masks',
  title: 'Sparse attention patterns on lm',
  description: 'Pick a sliding, dilated, strided or global+local attention pattern: the mask drawn, the share of query-key pairs it keeps, and the validation loss of lm read through it against full causal attention.',
  schema: sparseMasksSchema,
  controls: ['pattern', 'size', 'period', 'draw', 'windows'],
  minHeight: 520,
  Component: lazy(() => import('./SparseMasks')),
});

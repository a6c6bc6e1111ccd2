import { lazy } from 'react';
import { defineSchema, enumOf, float } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const pruneSparsitySchema = defineSchema({
  method: enumOf(['magnitude', 'magnitude-global', 'heads', 'neurons'] as const, 'magnitude'),
  /** Fraction of units removed (weights, query heads or neurons), in steps of 0.1. */
  sparsity: float({ default: 0.5, min: 0, max: 0.9 }),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type PruneSparsityState = typeof pruneSparsitySchema.defaults;

export default defineWidget<PruneSparsityState>({
  id: 'prune-sparsity',
  title: 'Pruning lm: sparsity against validation loss',
  description: 'Prune the Austen model in your browser (smallest weights, whole attention heads or whole MLP neurons) and measure its loss on held-out text, live; with what the zeros would save in a sparse format.',
  schema: pruneSparsitySchema,
  controls: ['method', 'sparsity', 'backend'],
  minHeight: 520,
  Component: lazy(() => import('./PruneSparsity')),
});

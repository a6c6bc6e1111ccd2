import { lazy } from 'react';
import { defineSchema, enumOf, int } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const CAPACITIES = ['none', '2', '1.5', '1.25', '1', '0.75', '0.5'] as const;

export const moeCapacitySchema = defineSchema({
  /** experts per token (trained with 2) */
  k: int({ default: 2, min: 1, max: 4 }),
  /** capacity factor; none = no limit (as trained) */
  capacity: enumOf(CAPACITIES, 'none'),
  /** layer whose load and expert specialisation are listed */
  layer: int({ default: 5, min: 0, max: 7 }),
});
export type MoeCapacityState = typeof moeCapacitySchema.defaults;

export default defineWidget<MoeCapacityState>({
  id: 'moe-capacity',
  title: 'Change k and the capacity factor of lm-moe',
  description: 'Re-run lm-moe on 512 tokens of held-out Austen text with another number of experts per token or an expert capacity: validation loss, dropped tokens, load per expert, and which tokens each expert prefers.',
  schema: moeCapacitySchema,
  controls: ['k', 'capacity', 'layer'],
  minHeight: 420,
  Component: lazy(() => import('./MoeCapacity')),
});

import { lazy } from 'react';
import { defineSchema, float, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const normActSchema = defineSchema({
  /** A small vector, numbers separated by commas or spaces (at most 8 are used). */
  v: str({ default: '3, 4, -1, 0.5', maxLength: 120 }),
  /** Where the activation values are read. */
  at: float({ default: 1, min: -4, max: 4 }),
});
export type NormActState = typeof normActSchema.defaults;

export default defineWidget<NormActState>({
  id: 'norm-activations',
  title: 'LayerNorm vs RMSNorm, GELU vs SiLU',
  description: 'Type a small vector and see LayerNorm and RMSNorm of it side by side; read GELU, SiLU and ReLU at any point of their curves.',
  schema: normActSchema,
  controls: ['v', 'at'],
  minHeight: 380,
  Component: lazy(() => import('./NormActivations')),
});

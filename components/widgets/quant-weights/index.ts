import { lazy } from 'react';
import { defineSchema, enumOf, float, int } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

/** Same ids as lib/quant FORMAT_IDS (a test checks), listed here so this file stays tiny. */
export const FORMAT_CHOICES = ['fp16', 'bf16', 'int8', 'int8-channel', 'int8-asym', 'int8-asym-channel', 'int4', 'int4-asym', 'nf4'] as const;
export const GROUP_CHOICES = ['16', '32', '64', '128'] as const;
export const MATRIX_CHOICES = ['attn.wq', 'attn.wk', 'attn.wv', 'attn.wo', 'mlp.w1', 'mlp.w3', 'mlp.w2'] as const;

export const quantFormatFields = {
  format: enumOf(FORMAT_CHOICES, 'int4'),
  group: enumOf(GROUP_CHOICES, '32'),
  /** Fraction of each block's range kept (1 = no clipping). */
  clip: float({ default: 1, min: 0.3, max: 1 }),
};

export const quantWeightsSchema = defineSchema({
  ...quantFormatFields,
  layer: int({ default: 0, min: 0, max: 7 }),
  matrix: enumOf(MATRIX_CHOICES, 'mlp.w2'),
});
export type QuantWeightsState = typeof quantWeightsSchema.defaults;

export default defineWidget<QuantWeightsState>({
  id: 'quant-weights',
  title: 'Quantize the weights of a real model',
  description: "Pick a number format and group size for the Austen model's weights: the histogram before and after with the grid of representable values, the error of every layer, and the model's bytes.",
  schema: quantWeightsSchema,
  controls: ['format', 'group', 'clip', 'layer', 'matrix'],
  minHeight: 520,
  Component: lazy(() => import('./QuantWeights')),
});

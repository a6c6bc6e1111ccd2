import { lazy } from 'react';
import { defineSchema, enumOf, float } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const ropeSpectrumSchema = defineSchema({
  rule: enumOf(['none', 'pi', 'ntk', 'yarn'] as const, 'yarn'),
  factor: float({ default: 4, min: 1, max: 8 }),
});
export type RopeSpectrumState = typeof ropeSpectrumSchema.defaults;

export default defineWidget<RopeSpectrumState>({
  id: 'rope-spectrum',
  title: 'RoPE frequencies under PI, NTK-aware and YaRN',
  description: "The wavelength of each of lm's 16 RoPE pairs (θ_j = 10000^(−2j/32)) before and after a context-extension rule, against the 256-token training length.",
  schema: ropeSpectrumSchema,
  controls: ['rule', 'factor'],
  minHeight: 420,
  Component: lazy(() => import('./RopeSpectrum')),
});

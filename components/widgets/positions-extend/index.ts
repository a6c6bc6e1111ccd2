import { lazy } from 'react';
import { defineSchema, enumOf, float, int } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const positionsExtendSchema = defineSchema({
  /** Scaling factor s for PI, NTK-aware and YaRN (no scaling, ALiBi and learned ignore it). */
  factor: float({ default: 4, min: 1, max: 8 }),
  /** Tokens per window (lm was trained on 256). */
  length: int({ default: 1024, min: 64, max: 1024 }),
  /** How many of the 4 held-out windows to average. */
  windows: int({ default: 4, min: 1, max: 4 }),
  /** Positions per plotted point (the curve is the mean of each bucket). */
  bucket: int({ default: 32, min: 1, max: 128 }),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type PositionsExtendState = typeof positionsExtendSchema.defaults;

export default defineWidget<PositionsExtendState>({
  id: 'positions-extend',
  title: 'Context extension, measured: loss per position',
  description: 'The RoPE model lm (trained on 256 tokens) read up to 1024 held-out Austen tokens with no scaling, Position Interpolation, NTK-aware scaling and YaRN, next to the ALiBi and learned-position twins: measured loss at every position.',
  schema: positionsExtendSchema,
  controls: ['factor', 'length', 'windows', 'bucket', 'backend'],
  minHeight: 560,
  Component: lazy(() => import('./PositionsExtend')),
});

import { lazy } from 'react';
import { defineSchema, enumOf, float, int } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const ropeDistanceSchema = defineSchema({
  rule: enumOf(['none', 'pi', 'ntk', 'yarn'] as const, 'none'),
  factor: float({ default: 4, min: 1, max: 8 }),
  /** Largest distance m − n shown. */
  maxDistance: int({ default: 1024, min: 64, max: 4096 }),
});
export type RopeDistanceState = typeof ropeDistanceSchema.defaults;

export default defineWidget<RopeDistanceState>({
  id: 'rope-distance',
  title: 'RoPE: q·k as a function of distance',
  description: "For q = k = all ones, the RoPE dot product of lm's head size is the mean of cos(Δ·θ_j) over the pairs: how it oscillates and decays with the distance Δ, before and after a scaling rule.",
  schema: ropeDistanceSchema,
  controls: ['rule', 'factor', 'maxDistance'],
  minHeight: 420,
  Component: lazy(() => import('./RopeDistance')),
});

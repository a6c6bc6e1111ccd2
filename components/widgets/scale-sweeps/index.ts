import { lazy } from 'react';
import { defineSchema, enumOf } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const scaleSweepsSchema = defineSchema({
  /** What goes on the x axis. */
  x: enumOf(['params', 'nonEmbedding', 'flops'] as const, 'params'),
  /** Which runs the fit uses. */
  runs: enumOf(['best256', 'all256', 'all'] as const, 'best256'),
  /** y ≈ a·x^−α, or y ≈ E + A·x^−α. */
  fit: enumOf(['power', 'floor'] as const, 'power'),
});
export type ScaleSweepsState = typeof scaleSweepsSchema.defaults;

export default defineWidget<ScaleSweepsState>({
  id: 'scale-sweeps',
  title: 'Our own training runs on a scaling plot',
  description: 'Validation loss of every model the lab trained (three sweep rounds, 0.36M to 2.45M parameters) against parameters or compute, with a least-squares power-law fit computed in the page.',
  schema: scaleSweepsSchema,
  controls: ['x', 'runs', 'fit'],
  minHeight: 560,
  Component: lazy(() => import('./ScaleSweeps')),
});

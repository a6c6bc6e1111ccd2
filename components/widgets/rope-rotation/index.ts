import { lazy } from 'react';
import { defineSchema, int } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const ropeRotationSchema = defineSchema({
  /** Query position m. */
  m: int({ default: 5, min: 0, max: 300 }),
  /** Key position n. */
  n: int({ default: 2, min: 0, max: 300 }),
  /** Pair j of lm's 32-wide heads (0 = fastest). */
  pair: int({ default: 0, min: 0, max: 15 }),
});
export type RopeRotationState = typeof ropeRotationSchema.defaults;

export default defineWidget<RopeRotationState>({
  id: 'rope-rotation',
  title: 'RoPE: a query/key pair turning with position',
  description: 'One 2-D pair of a query and a key, rotated by position times its frequency; their dot product depends only on the distance m − n.',
  schema: ropeRotationSchema,
  controls: ['m', 'n', 'pair'],
  minHeight: 380,
  Component: lazy(() => import('./RopeRotation')),
});

import { lazy } from 'react';
import { defineSchema, int } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const mpGradientsSchema = defineSchema({
  /** Loss scale S = 2^k. */
  k: int({ default: 0, min: 0, max: 32 }),
  /** Tokens of held-out text in the batch whose gradients are taken. */
  tokens: int({ default: 64, min: 8, max: 128 }),
});
export type MpGradientsState = typeof mpGradientsSchema.defaults;

export default defineWidget<MpGradientsState>({
  id: 'mp-gradients',
  title: "lm's real gradients in fp16 and bf16",
  description: "The 2.1M weight gradients of one backward pass of the lab's lm (computed in a Web Worker) on a log2 histogram with fp16's subnormal and normal ranges marked, and how many underflow to zero, turn subnormal or overflow to infinity in fp16 and bf16 under a loss scale 2^k.",
  schema: mpGradientsSchema,
  controls: ['k', 'tokens'],
  minHeight: 560,
  Component: lazy(() => import('./MpGradients')),
});

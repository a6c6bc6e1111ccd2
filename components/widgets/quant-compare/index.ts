import { lazy } from 'react';
import { defineSchema, enumOf, float, int, seed, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';
import { quantFormatFields } from '../quant-weights';

export const quantCompareSchema = defineSchema({
  ...quantFormatFields,
  prompt: str({ default: 'Elizabeth could not help smiling at', maxLength: 300 }),
  /** 0 = greedy. */
  temperature: float({ default: 0.8, min: 0, max: 1.5 }),
  maxTokens: int({ default: 30, min: 1, max: 80 }),
  seed: seed(7),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type QuantCompareState = typeof quantCompareSchema.defaults;

export default defineWidget<QuantCompareState>({
  id: 'quant-compare',
  title: 'Original and quantized model, side by side',
  description: 'The Austen model and a quantized copy built in your browser answer the same prompt: next-token distributions and their KL divergence, loss on held-out text, and generations with the same seed.',
  schema: quantCompareSchema,
  controls: ['format', 'group', 'clip', 'prompt', 'temperature', 'maxTokens', 'seed', 'backend'],
  minHeight: 560,
  Component: lazy(() => import('./QuantCompare')),
});

import { lazy } from 'react';
import { defineSchema, enumOf, int, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const lensSchema = defineSchema({
  text: str({ default: 'Elizabeth could not help', maxLength: 300 }),
  /** The position (token) read out; clamped to the text's tokens (default: the last). */
  pos: int({ default: 63, min: 0, max: 63 }),
  view: enumOf(['grid', 'topk'] as const, 'grid'),
  k: int({ default: 5, min: 1, max: 10 }),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type LensState = typeof lensSchema.defaults;

export default defineWidget<LensState>({
  id: 'logit-lens',
  title: 'Logit lens: what every layer would predict',
  description: 'Type a prompt: the 8-layer Austen model reads its residual stream after every block through its own final norm and output layer, showing the top tokens per layer and where the final prediction forms.',
  schema: lensSchema,
  controls: ['text', 'pos', 'view', 'k', 'backend'],
  minHeight: 460,
  Component: lazy(() => import('./LogitLens')),
});

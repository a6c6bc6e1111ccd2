import { lazy } from 'react';
import { defineSchema, enumOf, int, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const residualSchema = defineSchema({
  text: str({ default: 'Elizabeth could not help', maxLength: 300 }),
  /** The position (token) measured; clamped to the text's tokens (default: the last). */
  pos: int({ default: 63, min: 0, max: 63 }),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type ResidualState = typeof residualSchema.defaults;

export default defineWidget<ResidualState>({
  id: 'residual-stream',
  title: 'The residual stream, block by block',
  description: 'Type a prompt: the size of the 8-layer Austen model’s residual stream after every block, and how much each attention layer and each MLP added to it, for one token.',
  schema: residualSchema,
  controls: ['text', 'pos', 'backend'],
  minHeight: 420,
  Component: lazy(() => import('./ResidualStream')),
});

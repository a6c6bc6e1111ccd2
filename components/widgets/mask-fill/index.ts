import { lazy } from 'react';
import { defineSchema, enumOf, int, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const maskFillSchema = defineSchema({
  text: str({ default: 'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.', maxLength: 400 }),
  /** the token (index) that is masked */
  pos: int({ default: 25, min: 0, max: 127 }),
  /** predictions listed per model */
  k: int({ default: 8, min: 3, max: 20 }),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type MaskFillState = typeof maskFillSchema.defaults;

export default defineWidget<MaskFillState>({
  id: 'mask-fill',
  title: 'Mask a word: both sides (lm-mlm) vs the left side only (lm)',
  description: 'Pick a token of your sentence to hide. lm-mlm, a small encoder-only masked language model, predicts it from the words on both sides; lm, the decoder-only model, predicts the same token from the words before it only. Top predictions with probabilities, and where the true token ranks.',
  schema: maskFillSchema,
  controls: ['text', 'pos', 'k', 'backend'],
  minHeight: 520,
  Component: lazy(() => import('./MaskFill')),
});

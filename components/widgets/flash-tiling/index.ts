import { lazy } from 'react';
import { defineSchema, int, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const flashTilingSchema = defineSchema({
  text: str({ default: 'It is a truth universally acknowledged, that a single man in possession of a good fortune must be in want of a wife.', maxLength: 400 }),
  layer: int({ default: 2, min: 0, max: 7 }),
  head: int({ default: 0, min: 0, max: 3 }),
  /** Br: query rows per block */
  br: int({ default: 8, min: 1, max: 32 }),
  /** Bc: key/value columns per block */
  bc: int({ default: 8, min: 1, max: 32 }),
  /** which block step is shown (clamped to the number of steps) */
  step: int({ default: 0, min: 0, max: 4096 }),
  /** N for the memory-traffic comparison */
  n: int({ default: 4096, min: 16, max: 65536 }),
  /** on-chip SRAM in KB (fp16 elements = KB·512) */
  sram: int({ default: 100, min: 8, max: 256 }),
});
export type FlashTilingState = typeof flashTilingSchema.defaults;

export default defineWidget<FlashTilingState>({
  id: 'flash-tiling',
  title: 'FlashAttention, block by block, on lm',
  description: 'Your text through lm; one head\'s real Q, K and V go through tiled attention with the online softmax, block by block (running max m and sum l), compared with ordinary attention, plus the HBM traffic of both.',
  schema: flashTilingSchema,
  controls: ['text', 'layer', 'head', 'br', 'bc', 'step', 'n', 'sram'],
  minHeight: 560,
  Component: lazy(() => import('./FlashTiling')),
});

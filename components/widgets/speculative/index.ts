import { lazy } from 'react';
import { defineSchema, enumOf, float, int, seed, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

/** Draft models the widget offers (same tokenizer as lm). Another draft id can be appended here. */
/** Draft models: lm-draft (trained from scratch) and lm-distill (same shape, distilled from lm). */
export const DRAFTS = ['lm-draft', 'lm-distill'] as const;

export const speculativeSchema = defineSchema({
  prompt: str({ default: 'It is a truth universally acknowledged, that', maxLength: 400 }),
  /** Draft tokens per round. */
  k: int({ default: 4, min: 1, max: 8 }),
  /** 0 = greedy. Applied to both models. */
  temperature: float({ default: 1, min: 0, max: 2 }),
  maxTokens: int({ default: 48, min: 8, max: 128 }),
  seed: seed(42),
  draft: enumOf(DRAFTS, 'lm-draft'),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type SpeculativeState = typeof speculativeSchema.defaults;

export default defineWidget<SpeculativeState>({
  id: 'speculative',
  title: 'Speculative decoding, live',
  description: 'lm-draft proposes k tokens, lm checks them in one pass: accepted and rejected tokens, acceptance rate, tokens per lm call and the measured speed-up over plain decoding in your browser.',
  schema: speculativeSchema,
  controls: ['prompt', 'k', 'temperature', 'maxTokens', 'seed', 'draft', 'backend'],
  minHeight: 420,
  Component: lazy(() => import('./Speculative')),
});

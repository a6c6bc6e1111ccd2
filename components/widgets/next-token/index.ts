import { lazy } from 'react';
import { defineSchema, float, int, seed, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

/** Code points the prompt box and the URL take (a longer paste is cut with a note). */
export const MAX_PROMPT = 400;

export const nextTokenSchema = defineSchema({
  prompt: str({ default: 'Elizabeth looked at him, and', maxLength: MAX_PROMPT }),
  /** 0 = greedy (argmax). */
  temperature: float({ default: 1, min: 0, max: 2 }),
  /** 0 = off. */
  topK: int({ default: 0, min: 0, max: 4096 }),
  /** 1 = off. */
  topP: float({ default: 1, min: 0.01, max: 1 }),
  /** 0 = off. */
  minP: float({ default: 0, min: 0, max: 1 }),
  /** 1 = off; above 1 discourages tokens already in the prompt. */
  repetitionPenalty: float({ default: 1, min: 1, max: 2 }),
  seed: seed(42),
});
export type NextTokenState = typeof nextTokenSchema.defaults;

export default defineWidget<NextTokenState>({
  id: 'next-token',
  title: 'From logits to the next token',
  description: 'The lab language model (Austen, Moby-Dick, KJV) scores every next token; temperature, top-k, top-p, min-p and a repetition penalty reshape the distribution live, and a seeded draw appends a token.',
  schema: nextTokenSchema,
  controls: ['prompt', 'temperature', 'topK', 'topP', 'minP', 'repetitionPenalty', 'seed'],
  minHeight: 460,
  Component: lazy(() => import('./NextToken')),
});

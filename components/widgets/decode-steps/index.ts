import { lazy } from 'react';
import { defineSchema, float, int, seed, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

/** Code points the prompt box and the URL take (a longer paste is cut with a note). */
export const MAX_PROMPT = 300;
export const MAX_STEPS = 40;

export const decodeStepsSchema = defineSchema({
  prompt: str({ default: 'Mr. Darcy walked into the room and', maxLength: MAX_PROMPT }),
  steps: int({ default: 16, min: 1, max: MAX_STEPS }),
  /** 0 = greedy. */
  temperature: float({ default: 0.8, min: 0, max: 2 }),
  /** 0 = off. */
  topK: int({ default: 40, min: 0, max: 4096 }),
  /** 1 = off. */
  topP: float({ default: 1, min: 0.05, max: 1 }),
  seed: seed(7),
  /** The step shown in detail (0 = the first generated token). */
  at: int({ default: 0, min: 0, max: MAX_STEPS - 1 }),
});
export type DecodeStepsState = typeof decodeStepsSchema.defaults;

export default defineWidget<DecodeStepsState>({
  id: 'decode-steps',
  title: 'Generation, one token at a time',
  description: 'The lab language model generates a few tokens with a seeded sampler; step back and forward through them and see the distribution each token was drawn from.',
  schema: decodeStepsSchema,
  controls: ['prompt', 'steps', 'temperature', 'topK', 'topP', 'seed', 'at'],
  minHeight: 520,
  Component: lazy(() => import('./DecodeSteps')),
});

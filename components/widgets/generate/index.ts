import { lazy } from 'react';
import { defineSchema, enumOf, float, int, seed, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

/** Code points the prompt box and the URL take (a longer paste is cut with a note). */
export const MAX_PROMPT = 400;

export const generateSchema = defineSchema({
  prompt: str({ default: 'It is a truth universally acknowledged, that', maxLength: MAX_PROMPT }),
  temperature: float({ default: 0.8, min: 0, max: 2 }),
  /** 0 = off. */
  topK: int({ default: 40, min: 0, max: 4096 }),
  /** 1 = off. */
  topP: float({ default: 0.95, min: 0.01, max: 1 }),
  maxTokens: int({ default: 40, min: 1, max: 200 }),
  seed: seed(42),
  layer: int({ default: 0, min: 0, max: 31 }),
  head: int({ default: 0, min: 0, max: 63 }),
  /** The runtime's override: auto = measured choice. */
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type GenerateState = typeof generateSchema.defaults;

export default defineWidget<GenerateState>({
  id: 'generate',
  title: 'Type a prompt, watch it generate',
  description: 'A small language model trained on Jane Austen runs in your browser (WebGPU or WASM): sampling controls, next-token probabilities and an attention map.',
  schema: generateSchema,
  controls: ['prompt', 'temperature', 'topK', 'topP', 'maxTokens', 'seed', 'layer', 'head', 'backend'],
  minHeight: 420,
  Component: lazy(() => import('./Generate')),
});

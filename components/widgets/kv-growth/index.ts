import { lazy } from 'react';
import { defineSchema, enumOf, int, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const kvGrowthSchema = defineSchema({
  prompt: str({ default: 'It is a truth universally acknowledged, that', maxLength: 300 }),
  /** Tokens of held-out Austen text put before the prompt, so the context is long enough to matter. */
  context: int({ default: 128, min: 0, max: 192 }),
  /** Tokens generated (greedy), each timed with and without the cache. */
  tokens: int({ default: 48, min: 1, max: 120 }),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type KvGrowthState = typeof kvGrowthSchema.defaults;

export default defineWidget<KvGrowthState>({
  id: 'kv-growth',
  title: 'The KV cache growing, and what it saves',
  description: 'lm generates token by token: its key/value cache drawn per layer and kv head as it grows, with its bytes, and the time per token measured with the cache and without it (recomputing the whole prefix).',
  schema: kvGrowthSchema,
  controls: ['prompt', 'context', 'tokens', 'backend'],
  minHeight: 560,
  Component: lazy(() => import('./KvGrowth')),
});

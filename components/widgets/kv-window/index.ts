import { lazy } from 'react';
import { defineSchema, enumOf, int } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const kvWindowSchema = defineSchema({
  /** Keys kept per query: the sliding window (the query itself included). */
  size: int({ default: 16, min: 1, max: 255 }),
  /** First tokens always kept (attention sinks); 0 = a plain window. */
  sinks: int({ default: 4, min: 0, max: 32 }),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type KvWindowState = typeof kvWindowSchema.defaults;

export default defineWidget<KvWindowState>({
  id: 'kv-window',
  title: 'Bounded KV cache: sliding window and attention sinks, measured',
  description: 'lm with its cache cut to the last W tokens, with or without the first few tokens kept (attention sinks): validation loss per position on held-out Austen text against full attention, measured in your browser.',
  schema: kvWindowSchema,
  controls: ['size', 'sinks', 'backend'],
  minHeight: 520,
  Component: lazy(() => import('./KvWindow')),
});

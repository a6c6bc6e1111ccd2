import { lazy } from 'react';
import { defineSchema, enumOf, int } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const perplexityTableSchema = defineSchema({
  /** How many 128-token held-out windows (of 32) every model reads. */
  windows: int({ default: 8, min: 1, max: 32 }),
  /** Which column the bars show. */
  metric: enumOf(['loss', 'perplexity', 'bitsPerToken', 'bitsPerByte'] as const, 'bitsPerByte'),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type PerplexityTableState = typeof perplexityTableSchema.defaults;

export default defineWidget<PerplexityTableState>({
  id: 'perplexity-table',
  title: 'Perplexity of every shipped model, measured',
  description: 'Each of the six shipped models reads the same held-out Austen text in your browser: loss, perplexity, bits per token and bits per byte.',
  schema: perplexityTableSchema,
  controls: ['windows', 'metric', 'backend'],
  minHeight: 420,
  Component: lazy(() => import('./PerplexityTable')),
});

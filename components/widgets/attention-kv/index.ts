import { lazy } from 'react';
import { defineSchema, enumOf, int } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const kvSchema = defineSchema({
  /** Bytes per cached number: fp32 (what our runtime caches) or fp16. */
  dtype: enumOf(['fp32', 'fp16'] as const, 'fp32'),
  /** Tokens in the cache, for the total. */
  tokens: int({ default: 256, min: 1, max: 1_000_000 }),
});
export type KvState = typeof kvSchema.defaults;

export default defineWidget<KvState>({
  id: 'attention-kv',
  title: 'MHA, GQA, MQA: who shares keys and values',
  description: "How the Austen model's 4 query heads share its 2 key/value heads (read from its config), and what each sharing scheme costs in KV-cache bytes per token.",
  schema: kvSchema,
  controls: ['dtype', 'tokens'],
  minHeight: 360,
  Component: lazy(() => import('./KvSharing')),
});

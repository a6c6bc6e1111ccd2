import { lazy } from 'react';
import { defineSchema, enumOf, int } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const kvMemorySchema = defineSchema({
  model: enumOf(['lm', 'opt-13b', 'mistral-7b', 'llama-2-70b'] as const, 'llama-2-70b'),
  format: enumOf(['fp32', 'fp16', 'int8'] as const, 'fp16'),
  tokens: int({ default: 4096, min: 1, max: 1_048_576 }),
  batch: int({ default: 1, min: 1, max: 1024 }),
});
export type KvMemoryState = typeof kvMemorySchema.defaults;

export default defineWidget<KvMemoryState>({
  id: 'kv-memory',
  title: 'KV-cache memory calculator: MHA, GQA, MQA',
  description: 'Bytes of the KV cache for lm and for published models (OPT-13B, Mistral 7B, Llama 2 70B), under MHA, their own sharing and MQA, in fp32, fp16 or int8.',
  schema: kvMemorySchema,
  controls: ['model', 'format', 'tokens', 'batch'],
  minHeight: 340,
  Component: lazy(() => import('./KvMemory')),
});

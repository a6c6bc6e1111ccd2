import { lazy } from 'react';
import { defineSchema, enumOf } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const BUDGETS = ['16', '24', '48', '80'] as const;

export const quantMemorySchema = defineSchema({
  /** GPU memory in GB; cells whose weights fit are marked. */
  budget: enumOf(BUDGETS, '48'),
});
export type QuantMemoryState = typeof quantMemorySchema.defaults;

export default defineWidget<QuantMemoryState>({
  id: 'quant-memory',
  title: 'How many bytes do the weights of a big model take?',
  description: 'Parameters × bits per weight for LLaMA 7B, 13B, 65B and Llama 2 70B in fp32, fp16, int8, 4-bit formats and NF4 with double quantization, against a GPU memory budget.',
  schema: quantMemorySchema,
  controls: ['budget'],
  minHeight: 280,
  Component: lazy(() => import('./QuantMemory')),
});

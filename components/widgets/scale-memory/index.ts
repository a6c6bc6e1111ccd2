import { lazy } from 'react';
import { defineSchema } from '@/components/lesson/url-state';
import { defineWidget } from '../types';
import { MODEL_CONTROLS, modelFields, TRAINING_CONTROLS, trainingFields } from '../scale-common/schema';

export const scaleMemorySchema = defineSchema({ ...modelFields('llama-7b'), ...trainingFields() });
export type ScaleMemoryState = typeof scaleMemorySchema.defaults;

export default defineWidget<ScaleMemoryState>({
  id: 'scale-memory',
  title: 'What training a model costs in memory',
  description: 'Parameters from a model config (GPT-2, GPT-3, Llama or your own), and the memory one device needs to train it: weights, gradients, optimizer states and activations at fp32, bf16 mixed precision or with an 8-bit optimizer.',
  schema: scaleMemorySchema,
  controls: [...MODEL_CONTROLS, ...TRAINING_CONTROLS],
  minHeight: 560,
  Component: lazy(() => import('./ScaleMemory')),
});

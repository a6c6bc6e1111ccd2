import { lazy } from 'react';
import { defineSchema, enumOf, float, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const distillCompareSchema = defineSchema({
  prompt: str({ default: 'Elizabeth could not help smiling at', maxLength: 300 }),
  temperature: float({ default: 2, min: 0.25, max: 8 }),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type DistillCompareState = typeof distillCompareSchema.defaults;

export default defineWidget<DistillCompareState>({
  id: 'distill-compare',
  title: 'Teacher and students: next-token distributions at a temperature',
  description: 'lm (the teacher), lm-distill (a small student trained on its soft outputs) and lm-draft (the same small model trained on the text alone) read one prompt: their next-token distributions at a temperature, and KL(teacher ‖ student), live.',
  schema: distillCompareSchema,
  controls: ['prompt', 'temperature', 'backend'],
  minHeight: 480,
  Component: lazy(() => import('./DistillCompare')),
});

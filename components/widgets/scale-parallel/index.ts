import { lazy } from 'react';
import { defineSchema, enumOf, float, int } from '@/components/lesson/url-state';
import { defineWidget } from '../types';
import { MODEL_CONTROLS, modelFields, TRAINING_CONTROLS, trainingFields } from '../scale-common/schema';

export const scaleParallelSchema = defineSchema({
  ...modelFields('llama-7b'),
  ...trainingFields(),
  /** Ψ in billions; 0 = count it from the model. */
  paramsB: float({ default: 0, min: 0, max: 2000 }),
  devices: int({ default: 64, min: 1, max: 4096 }),
  tp: int({ default: 1, min: 1, max: 64 }),
  pp: int({ default: 1, min: 1, max: 128 }),
  zero: enumOf(['0', '1', '2', '3'] as const, '1'),
  micro: int({ default: 8, min: 1, max: 512 }),
});
export type ScaleParallelState = typeof scaleParallelSchema.defaults;

export default defineWidget<ScaleParallelState>({
  id: 'scale-parallel',
  title: 'Spreading training over N devices',
  description: 'Data, tensor and pipeline parallelism with ZeRO stages 0-3: memory per device, bytes each device sends per step, and the pipeline bubble with micro-batches, computed from the formulas of the ZeRO, Megatron-LM and GPipe papers.',
  schema: scaleParallelSchema,
  controls: [...MODEL_CONTROLS, ...TRAINING_CONTROLS, 'paramsB', 'devices', 'tp', 'pp', 'zero', 'micro'],
  minHeight: 640,
  Component: lazy(() => import('./ScaleParallel')),
});

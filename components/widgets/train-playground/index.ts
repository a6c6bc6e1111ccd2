import { lazy } from 'react';
import { defineSchema, enumOf, float, int, seed } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const PLAY_TASKS = ['copy', 'reverse', 'sort', 'modadd'] as const;
export const PLAY_WIDTHS = ['16', '32', '64'] as const;
export const PLAY_HEADS = ['1', '2', '4'] as const;

/** Every field a run depends on is here, so a link replays the same run (same seed → same losses). */
export const trainPlaygroundSchema = defineSchema({
  task: enumOf(PLAY_TASKS, 'copy'),
  /** n: symbols 0..n−1 (the modulus for modadd). */
  symbols: int({ default: 6, min: 2, max: 16 }),
  /** L: question length (modadd always uses 2). */
  length: int({ default: 4, min: 2, max: 6 }),
  layers: int({ default: 2, min: 1, max: 4 }),
  heads: enumOf(PLAY_HEADS, '2'),
  width: enumOf(PLAY_WIDTHS, '32'),
  opt: enumOf(['adamw', 'sgd'] as const, 'adamw'),
  lr: float({ default: 0.01, min: 0.0001, max: 3 }),
  warmup: int({ default: 20, min: 0, max: 1000 }),
  steps: int({ default: 300, min: 10, max: 4000 }),
  wd: float({ default: 0.01, min: 0, max: 2 }),
  /** Max global gradient norm; 0 = no clipping. */
  clip: float({ default: 1, min: 0, max: 100 }),
  seed: seed(1),
  /** Which attention map to show (1-based; clamped to the model with a note). */
  alayer: int({ default: 1, min: 1, max: 4 }),
  ahead: int({ default: 1, min: 1, max: 4 }),
});
export type TrainPlaygroundState = typeof trainPlaygroundSchema.defaults;

export default defineWidget<TrainPlaygroundState>({
  id: 'train-playground',
  title: 'Train a tiny Transformer from scratch',
  description: 'Trains a 1–4 layer Transformer from random weights on copy, reverse, sort or modular addition in a Web Worker (TypeScript kernels, CPU): loss and accuracy on training and held-out questions, the learning-rate schedule, and one attention head forming as it learns.',
  schema: trainPlaygroundSchema,
  controls: ['task', 'symbols', 'length', 'layers', 'heads', 'width', 'opt', 'lr', 'warmup', 'steps', 'wd', 'clip', 'seed', 'alayer', 'ahead'],
  minHeight: 900,
  Component: lazy(() => import('./TrainPlayground')),
});

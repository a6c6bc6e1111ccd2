import { lazy } from 'react';
import { defineSchema, enumOf, float, int, seed, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const PLAY_TASKS = ['copy', 'reverse', 'sort', 'modadd', 'text'] as const;
/** The text task's built-in passages (lib/train/passages.ts), or the student's own text. */
export const PLAY_PASSAGES = ['austen', 'melville', 'kjv', 'own'] as const;
/** Longest own text (code points); a longer paste is cut with a note. */
export const OWN_MAX = 2000;
export const PLAY_WIDTHS = ['16', '32', '64'] as const;
export const PLAY_HEADS = ['1', '2', '4'] as const;
/** Who runs the train step: the TS kernels, or one ONNX train-step graph on ORT WASM / WebGPU. */
export const PLAY_ENGINES = ['ts', 'wasm', 'webgpu'] as const;

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
  engine: enumOf(PLAY_ENGINES, 'ts'),
  /** Text task: which passage, or 'own' (then `own` is the text, carried in the link). */
  passage: enumOf(PLAY_PASSAGES, 'austen'),
  own: str({ default: '', maxLength: OWN_MAX }),
});
export type TrainPlaygroundState = typeof trainPlaygroundSchema.defaults;

export default defineWidget<TrainPlaygroundState>({
  id: 'train-playground',
  title: 'Train a tiny Transformer from scratch',
  description: 'Trains a 1–4 layer Transformer from random weights on copy, reverse, sort, modular addition or next-character prediction on a short text in a Web Worker (the lab’s TypeScript kernels on the CPU, or one ONNX train-step graph per step on ONNX Runtime WASM/WebGPU): loss and accuracy on training and held-out questions, the learning-rate schedule, and one attention head forming as it learns.',
  schema: trainPlaygroundSchema,
  controls: ['task', 'symbols', 'length', 'layers', 'heads', 'width', 'opt', 'lr', 'warmup', 'steps', 'wd', 'clip', 'seed', 'alayer', 'ahead', 'engine', 'passage', 'own'],
  minHeight: 900,
  Component: lazy(() => import('./TrainPlayground')),
});

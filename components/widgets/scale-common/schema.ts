/**
 * URL-state fields shared by the scale-* widgets: which model (a preset from lib/scale/presets or
 * a custom config) and how it is trained. Kept free of lib imports: every lesson page ships the
 * widget defs, so the preset ids are spelled out here and a test checks they equal lib's.
 */
import { enumOf, int } from '@/components/lesson/url-state';

export const MODEL_IDS = [
  'gpt2-small', 'gpt2-medium', 'gpt2-large', 'gpt2-xl',
  'gpt3-small', 'gpt3-medium', 'gpt3-large', 'gpt3-xl', 'gpt3-2.7b', 'gpt3-6.7b', 'gpt3-13b', 'gpt3-175b',
  'llama-7b', 'llama-13b', 'llama-33b', 'llama-65b',
  'lm', 'custom',
] as const;
export type ModelId = (typeof MODEL_IDS)[number];

/** The model: a preset id, or 'custom' with the fields below (read only when model = 'custom'). */
export const modelFields = (def: ModelId) => ({
  model: enumOf(MODEL_IDS, def),
  style: enumOf(['llama', 'gpt'] as const, 'llama'),
  layers: int({ default: 32, min: 1, max: 256 }),
  dModel: int({ default: 4096, min: 8, max: 65536 }),
  heads: int({ default: 32, min: 1, max: 512 }),
  kvHeads: int({ default: 8, min: 1, max: 512 }),
  dFF: int({ default: 14336, min: 8, max: 262144 }),
  vocab: int({ default: 32000, min: 2, max: 1000000 }),
});

export const trainingFields = () => ({
  precision: enumOf(['mixed', 'fp32'] as const, 'mixed'),
  optimizer: enumOf(['adam', 'adam8bit', 'sgd'] as const, 'adam'),
  recompute: enumOf(['none', 'selective', 'full'] as const, 'none'),
  seq: int({ default: 2048, min: 1, max: 131072 }),
  microBatch: int({ default: 1, min: 1, max: 1024 }),
});

export const MODEL_CONTROLS = ['model', 'style', 'layers', 'dModel', 'heads', 'kvHeads', 'dFF', 'vocab'] as const;
export const TRAINING_CONTROLS = ['precision', 'optimizer', 'recompute', 'seq', 'microBatch'] as const;

export interface ModelState {
  model: ModelId;
  style: 'llama' | 'gpt';
  layers: number;
  dModel: number;
  heads: number;
  kvHeads: number;
  dFF: number;
  vocab: number;
}

export interface TrainingState {
  precision: 'mixed' | 'fp32';
  optimizer: 'adam' | 'adam8bit' | 'sgd';
  recompute: 'none' | 'selective' | 'full';
  seq: number;
  microBatch: number;
}

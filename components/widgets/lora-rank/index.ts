import { lazy } from 'react';
import { defineSchema, enumOf, int } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const LORA_TARGET_SETS = ['qv', 'qkvo', 'all'] as const;
export const SVD_MATRICES = ['wq', 'wk', 'wv', 'wo'] as const;

export const loraRankSchema = defineSchema({
  /** LoRA rank r. */
  r: int({ default: 8, min: 1, max: 64 }),
  /** Which projections of every block get an adapter. */
  targets: enumOf(LORA_TARGET_SETS, 'qv'),
  /** The block whose matrix is decomposed. */
  layer: int({ default: 0, min: 0, max: 7 }),
  /** The matrix whose best rank-r approximation is shown. */
  matrix: enumOf(SVD_MATRICES, 'wq'),
});
export type LoraRankState = typeof loraRankSchema.defaults;

export default defineWidget<LoraRankState>({
  id: 'lora-rank',
  title: 'How much does rank r buy?',
  description: 'LoRA parameter accounting r(m + n) against m·n for the lab model lm, and the error of the best rank-r approximation of one of its real weight matrices (SVD, Eckart–Young).',
  schema: loraRankSchema,
  controls: ['r', 'targets', 'layer', 'matrix'],
  minHeight: 560,
  Component: lazy(() => import('./LoraRank')),
});

import { lazy } from 'react';
import { defineSchema, enumOf } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const clozeEvalSchema = defineSchema({
  model: enumOf(['lm', 'lm-moe', 'lm-ssm', 'lm-alibi', 'lm-learned-pos', 'lm-draft'] as const, 'lm'),
  /** How option scores are compared: raw sum of log-probs, per token, or per byte. */
  norm: enumOf(['sum', 'token', 'byte'] as const, 'sum'),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type ClozeEvalState = typeof clozeEvalSchema.defaults;

export default defineWidget<ClozeEvalState>({
  id: 'cloze-eval',
  title: 'Multiple choice by log-likelihood, measured',
  description: 'A chosen model scores every option of a small hand-written cloze set by log-likelihood in your browser; accuracy against chance under three normalisations.',
  schema: clozeEvalSchema,
  controls: ['model', 'norm', 'backend'],
  minHeight: 420,
  Component: lazy(() => import('./ClozeEval')),
});

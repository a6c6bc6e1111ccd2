import { lazy } from 'react';
import { defineSchema, enumOf, float, int, seed, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const ssmCompareSchema = defineSchema({
  prompt: str({ default: 'It is a truth universally acknowledged, that', maxLength: 300 }),
  maxTokens: int({ default: 30, min: 1, max: 60 }),
  temperature: float({ default: 0.8, min: 0, max: 2 }),
  seed: seed(42),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type SsmCompareState = typeof ssmCompareSchema.defaults;

export default defineWidget<SsmCompareState>({
  id: 'ssm-compare',
  title: 'One prompt, three models: attention, experts, state space',
  description: 'The same prompt continued by lm (attention + MLP), lm-moe (attention + 4 experts) and lm-ssm (Mamba-2, no attention), with the same sampler and seed; time per token and the memory each carries between tokens.',
  schema: ssmCompareSchema,
  controls: ['prompt', 'maxTokens', 'temperature', 'seed', 'backend'],
  minHeight: 420,
  Component: lazy(() => import('./SsmCompare')),
});

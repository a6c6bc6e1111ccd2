import { lazy } from 'react';
import { defineSchema, enumOf, int, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const ssmScanSchema = defineSchema({
  text: str({ default: 'Mr. Darcy said nothing, and Elizabeth, who had not expected him, said nothing either.', maxLength: 300 }),
  /** block whose Δ and state are drawn (lm-ssm has 8) */
  layer: int({ default: 0, min: 0, max: 7 }),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type SsmScanState = typeof ssmScanSchema.defaults;

export default defineWidget<SsmScanState>({
  id: 'ssm-scan',
  title: 'Step size and hidden state of lm-ssm over your text',
  description: 'lm-ssm, a small Mamba-2 language model, reads your text twice: in parallel (whole text at once) and recurrently (one token at a time, carrying a fixed-size state). Per token and head: the step size Δ and the size of the hidden state; the two forms must give the same next-token scores.',
  schema: ssmScanSchema,
  controls: ['text', 'layer', 'backend'],
  minHeight: 460,
  Component: lazy(() => import('./SsmScan')),
});

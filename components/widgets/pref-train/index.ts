import { lazy } from 'react';
import { defineSchema, enumOf, float, int, seed, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const PREF_MODES = ['dpo', 'reward'] as const;
export const PAIR_SOURCES = ['preset', 'own'] as const;
/** Longest own pairs text (code points); longer is cut with a note (useCutText). */
export const PAIRS_MAX = 1200;

export const prefTrainSchema = defineSchema({
  /** What to train: lm itself with DPO, or a reward model made from lm. */
  mode: enumOf(PREF_MODES, 'dpo'),
  pairs: enumOf(PAIR_SOURCES, 'preset'),
  /** Own pairs, one per line: prompt | chosen | rejected. */
  own: str({ default: '', maxLength: PAIRS_MAX }),
  steps: int({ default: 20, min: 1, max: 40 }),
  /** DPO's β (0.01 … 2). */
  beta: float({ default: 0.1, min: 0.01, max: 2 }),
  seed: seed(1),
});
export type PrefTrainState = typeof prefTrainSchema.defaults;

export default defineWidget<PrefTrainState>({
  id: 'pref-train',
  title: 'Preference training of lm: DPO or a reward model, in this page',
  description: 'Six (prompt, chosen, rejected) pairs, or your own; LoRA adapters on lm trained in a Web Worker (TypeScript on the CPU) with the DPO loss against the frozen original, or as a Bradley–Terry reward model: loss, margins, next-token probabilities before and after, KL from the original on held-out text.',
  schema: prefTrainSchema,
  controls: ['mode', 'pairs', 'own', 'steps', 'beta', 'seed'],
  minHeight: 560,
  Component: lazy(() => import('./PrefTrain')),
});

import { lazy } from 'react';
import { defineSchema, enumOf } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const dataMixSchema = defineSchema({
  /** Axis of the scale chart: log (every bar visible) or linear (the true proportions). */
  axis: enumOf(['log', 'linear'] as const, 'log'),
  /** Our bar in the scale chart: unique tokens of the corpus, or tokens the shipped lm saw in training. */
  ours: enumOf(['unique', 'seen'] as const, 'seen'),
});
export type DataMixState = typeof dataMixSchema.defaults;

export default defineWidget<DataMixState>({
  id: 'data-mix',
  title: 'Our training corpus and its mix',
  description: 'Tokens per source of the lab model lm, the 2:1:1 mix it was trained on and how many passes over each source that meant, next to the pretraining data of GPT-3, Gopher, Chinchilla and Llama 2.',
  schema: dataMixSchema,
  controls: ['axis', 'ours'],
  minHeight: 520,
  Component: lazy(() => import('./DataMix')),
});

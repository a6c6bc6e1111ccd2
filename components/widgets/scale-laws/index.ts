import { lazy } from 'react';
import { defineSchema, float } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const scaleLawsSchema = defineSchema({
  /** log10 of the training compute C in FLOPs. */
  logC: float({ default: 23.76, min: 17, max: 27 }),
});
export type ScaleLawsState = typeof scaleLawsSchema.defaults;

export default defineWidget<ScaleLawsState>({
  id: 'scale-laws',
  title: 'Compute-optimal model size',
  description: 'For a training budget C = 6ND, the loss along the budget under the Chinchilla fit, the fit\'s own optimum and the 20-tokens-per-parameter rule, next to the models of Hoffmann et al. Table 1.',
  schema: scaleLawsSchema,
  controls: ['logC'],
  minHeight: 620,
  Component: lazy(() => import('./ScaleLaws')),
});

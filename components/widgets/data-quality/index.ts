import { lazy } from 'react';
import { defineSchema, enumOf, float, int, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const QUALITY_RULES = ['any', 'minWords', 'meanWordLength', 'symbolRatio', 'alphaWords', 'stopWords', 'top2gram', 'dup5gram', 'letters'] as const;

/** Defaults = Gopher's thresholds (Rae et al. 2021, appendix A.1.1 and Table A1); the letter check is ours. */
export const dataQualitySchema = defineSchema({
  minWords: int({ default: 50, min: 0, max: 300 }),
  minMeanLen: float({ default: 3, min: 0, max: 10 }),
  maxMeanLen: float({ default: 10, min: 3, max: 20 }),
  maxSymbol: float({ default: 0.1, min: 0, max: 1 }),
  minAlpha: float({ default: 0.8, min: 0, max: 1 }),
  minStop: int({ default: 2, min: 0, max: 8 }),
  maxTop2: float({ default: 0.2, min: 0, max: 1 }),
  maxDup5: float({ default: 0.15, min: 0, max: 1 }),
  maxLetters: float({ default: 0.5, min: 0, max: 1 }),
  source: enumOf(['all', 'austen', 'moby', 'kjv'] as const, 'all'),
  rule: enumOf(QUALITY_RULES, 'any'),
  mine: str({ default: '', maxLength: 1000 }),
});
export type DataQualityState = typeof dataQualitySchema.defaults;

export default defineWidget<DataQualityState>({
  id: 'data-quality',
  title: 'Quality filters on our corpus',
  description: "Gopher's heuristic quality rules (word count, word length, symbols, alphabetic words, stop words, repeated n-grams) and a letter-statistics check applied live to passages of the training text, with the passages they would drop.",
  schema: dataQualitySchema,
  controls: ['minWords', 'minMeanLen', 'maxMeanLen', 'maxSymbol', 'minAlpha', 'minStop', 'maxTop2', 'maxDup5', 'maxLetters', 'source', 'rule', 'mine'],
  minHeight: 640,
  Component: lazy(() => import('./DataQuality')),
});

import { lazy } from 'react';
import { defineSchema, enumOf, int, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const dataContaminationSchema = defineSchema({
  /** Which "test set" is checked against the training text. */
  test: enumOf(['validation', 'quiz', 'paraphrase', 'mine'] as const, 'quiz'),
  /** The student's own test text (used when test = mine). */
  mine: str({ default: '', maxLength: 3000 }),
  /** n of the word n-grams (GPT-3 used 13). */
  n: int({ default: 13, min: 3, max: 20 }),
});
export type DataContaminationState = typeof dataContaminationSchema.defaults;

export default defineWidget<DataContaminationState>({
  id: 'data-contamination',
  title: 'Is the test set in the training data?',
  description: 'Word n-gram overlap between a test text (held-out Austen, a quiz, a paraphrase, or your own) and the training text, with the overlapping spans highlighted.',
  schema: dataContaminationSchema,
  controls: ['test', 'mine', 'n'],
  minHeight: 520,
  Component: lazy(() => import('./DataContamination')),
});

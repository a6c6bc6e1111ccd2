import { lazy } from 'react';
import { defineSchema, enumOf, int, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const ragPromptSchema = defineSchema({
  /** Preset (lib/retrieval/prompt.ts SCENARIOS): RAG or few-shot, with its examples. */
  scenario: enumOf(['tablet', 'benwick', 'leave', 'misters', 'sisters', 'add', 'add-cot'] as const, 'tablet'),
  /** Retrieval query (RAG scenarios). */
  query: str({ default: 'memorial to a captain killed by a sperm whale', maxLength: 200 }),
  /** The text lm continues, last in both prompts. */
  stem: str({ default: 'Sacred to the memory of the late Captain Ezekiel', maxLength: 200 }),
  /** The answer whose log-probability is measured. */
  target: str({ default: ' Hardy', maxLength: 40 }),
  /** Passages retrieved (RAG) or examples shown (few-shot) in the "with" prompt. */
  k: int({ default: 1, min: 1, max: 3 }),
  template: enumOf(['plain', 'labelled'] as const, 'plain'),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type RagPromptState = typeof ragPromptSchema.defaults;

export default defineWidget<RagPromptState>({
  id: 'rag-prompt',
  title: 'Retrieved passages and examples in the prompt of lm',
  description: 'The same stem after two prompts, without and with BM25-retrieved passages or few-shot examples: the log-probability lm gives a target answer and its greedy continuation, measured live.',
  schema: ragPromptSchema,
  controls: ['scenario', 'query', 'stem', 'target', 'k', 'template', 'backend'],
  minHeight: 520,
  Component: lazy(() => import('./RagPrompt')),
});

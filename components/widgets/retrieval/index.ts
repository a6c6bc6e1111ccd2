import { lazy } from 'react';
import { defineSchema, enumOf, float, int, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const retrievalSchema = defineSchema({
  query: str({ default: 'Who rents Kellynch Hall?', maxLength: 200 }),
  /** Passages shown per retriever (and the k of recall@k). */
  k: int({ default: 5, min: 1, max: 10 }),
  /** BM25 term-frequency saturation. */
  k1: float({ default: 1.2, min: 0, max: 3 }),
  /** BM25 length normalisation. */
  b: float({ default: 0.75, min: 0, max: 1 }),
  /** Residual-stream layer of lm that is mean-pooled: 0 = embeddings, l = after block l. */
  layer: int({ default: 1, min: 0, max: 8 }),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type RetrievalState = typeof retrievalSchema.defaults;

export default defineWidget<RetrievalState>({
  id: 'retrieval',
  title: 'Retrieval: BM25 against the hidden states of lm',
  description: 'A query against 160 public-domain passages: BM25 top-k with its term scores next to a dense retriever made of the mean-pooled hidden states of lm, with recall@k and MRR on hand-judged test queries.',
  schema: retrievalSchema,
  controls: ['query', 'k', 'k1', 'b', 'layer', 'backend'],
  minHeight: 520,
  Component: lazy(() => import('./Retrieval')),
});

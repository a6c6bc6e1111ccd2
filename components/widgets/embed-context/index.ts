import { lazy } from 'react';
import { defineSchema, enumOf, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const embedContextSchema = defineSchema({
  s1: str({ default: 'He had a very strong mind.', maxLength: 200 }),
  s2: str({ default: 'I do not mind the rain.', maxLength: 200 }),
  /** The word both sentences share (with its leading space it may be one token or several). */
  word: str({ default: 'mind', maxLength: 40 }),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type EmbedContextState = typeof embedContextSchema.defaults;

export default defineWidget<EmbedContextState>({
  id: 'embed-context',
  title: 'One word, two sentences: static vs contextual vectors',
  description: 'lm runs on two sentences that share a word; the cosine similarity of that word’s residual-stream vector in the two sentences, layer by layer, from the embedding (identical) to the last block.',
  schema: embedContextSchema,
  controls: ['s1', 's2', 'word', 'backend'],
  minHeight: 480,
  Component: lazy(() => import('./EmbedContext')),
});

import { lazy } from 'react';
import { defineSchema, enumOf, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const TOKENIZER_KINDS = ['austen', 'gpt2', 'cl100k', 'byte', 'char'] as const;
export type TokenizerKind = (typeof TOKENIZER_KINDS)[number];

/** Longest text kept in the URL (code points); the textarea stops there too. */
export const MAX_TEXT = 10_000;

export const tokenViewerSchema = defineSchema({
  text: str({ default: 'Tokenization splits text into pieces.\nUnbelievable! 👋🏽 日本語', maxLength: MAX_TEXT }),
  // default: our 40 KB vocabulary; GPT-2 / cl100k rank data (0.5 / 1 MB) load only when chosen
  tok: enumOf(TOKENIZER_KINDS, 'austen'),
});
export type TokenViewerState = typeof tokenViewerSchema.defaults;

export default defineWidget<TokenViewerState>({
  id: 'token-viewer',
  title: 'Token viewer',
  description: 'Type any text and see how a tokenizer cuts it: coloured tokens, their ids and the counts.',
  schema: tokenViewerSchema,
  controls: ['text', 'tok'],
  minHeight: 360,
  Component: lazy(() => import('./TokenViewer')),
});

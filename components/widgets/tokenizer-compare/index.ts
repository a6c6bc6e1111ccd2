import { lazy } from 'react';
import { bool, defineSchema, enumOf, int, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const COMPARE_KINDS = ['char', 'byte', 'bpe', 'wordpiece', 'unigram', 'gpt2', 'cl100k'] as const;
export type CompareKind = (typeof COMPARE_KINDS)[number];

/** Code points the text box and the URL take (a longer paste is cut with a note). */
export const MAX_TEXT = 400;

export const tokenizerCompareSchema = defineSchema({
  text: str({ default: "Mr. Bingley's unbelievable happiness was universally acknowledged.", maxLength: MAX_TEXT }),
  /** Vocabulary size of the three tokenizers trained in the page. */
  vocab: int({ default: 800, min: 300, max: 2000 }),
  /** Whose cuts the others are compared with. */
  ref: enumOf(COMPARE_KINDS, 'bpe'),
  /** Also show GPT-2 and cl100k (loads their vocabularies). */
  big: bool(false),
});
export type TokenizerCompareState = typeof tokenizerCompareSchema.defaults;

export default defineWidget<TokenizerCompareState>({
  id: 'tokenizer-compare',
  title: 'Five tokenizers, one text',
  description: 'BPE, WordPiece, Unigram, bytes and code points (and GPT-2 / cl100k) on the same text: token counts and the cuts they disagree on.',
  schema: tokenizerCompareSchema,
  controls: ['text', 'vocab', 'ref', 'big'],
  minHeight: 420,
  Component: lazy(() => import('./TokenizerCompare')),
});

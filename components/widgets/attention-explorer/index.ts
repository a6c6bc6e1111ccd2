import { lazy } from 'react';
import { defineSchema, enumOf, int, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const explorerSchema = defineSchema({
  text: str({ default: 'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.', maxLength: 400 }),
  layer: int({ default: 3, min: 0, max: 7 }),
  head: int({ default: 3, min: 0, max: 3 }),
  /** The query (row) and key (column) positions of the picked cell; clamped to the text's tokens. */
  query: int({ default: 13, min: 0, max: 63 }),
  key: int({ default: 12, min: 0, max: 63 }),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type ExplorerState = typeof explorerSchema.defaults;

export default defineWidget<ExplorerState>({
  id: 'attention-explorer',
  title: 'Every attention head of a real model',
  description: 'Type a sentence: all 32 heads of the 8-layer Austen model as thumbnails, one head in detail, and one query row through the four stages of scaled dot-product attention with the real q and k vectors.',
  schema: explorerSchema,
  controls: ['text', 'layer', 'head', 'query', 'key', 'backend'],
  minHeight: 520,
  Component: lazy(() => import('./Explorer')),
});

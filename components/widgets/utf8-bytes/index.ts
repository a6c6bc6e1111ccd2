import { lazy } from 'react';
import { defineSchema, enumOf, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

/** Code points the text box and the URL take (a longer paste is cut with a note). */
export const MAX_TEXT = 120;

export const utf8Schema = defineSchema({
  text: str({ default: 'héllo 👋🏽 e\u0301', maxLength: MAX_TEXT }),
  base: enumOf(['hex', 'bin', 'dec'] as const, 'hex'),
});
export type Utf8State = typeof utf8Schema.defaults;

export default defineWidget<Utf8State>({
  id: 'utf8-bytes',
  title: 'Characters, code points, bytes',
  description: 'Type any text and see its characters, their Unicode code points and their UTF-8 bytes.',
  schema: utf8Schema,
  controls: ['text', 'base', 'examples'],
  minHeight: 320,
  Component: lazy(() => import('./Utf8Bytes')),
});

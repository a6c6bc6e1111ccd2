import { lazy } from 'react';
import { defineSchema, enumOf, int, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const moeRouterSchema = defineSchema({
  text: str({ default: 'Elizabeth could not help smiling at his vanity; but she said only, "I am glad of it!"', maxLength: 300 }),
  /** block whose router is drawn (lm-moe has 8) */
  layer: int({ default: 5, min: 0, max: 7 }),
  /** token whose routing is shown across every layer */
  token: int({ default: 0, min: 0, max: 127 }),
  backend: enumOf(['auto', 'webgpu', 'wasm'] as const, 'auto'),
});
export type MoeRouterState = typeof moeRouterSchema.defaults;

export default defineWidget<MoeRouterState>({
  id: 'moe-router',
  title: 'Your text through the router of lm-moe',
  description: 'Each token of your text goes through lm-moe, a small Mixture-of-Experts model: per layer the router probabilities of its 4 experts, the top-2 it picks, and how the load spreads over the experts.',
  schema: moeRouterSchema,
  controls: ['text', 'layer', 'token', 'backend'],
  minHeight: 480,
  Component: lazy(() => import('./MoeRouter')),
});

import { lazy } from 'react';
import { defineSchema, enumOf, int, seed, str } from '@/components/lesson/url-state';
import { defineWidget } from '../types';

export const FINETUNE_TEXTS = ['sonnets', 'psalms', 'own'] as const;
/** Who runs the train step: the TS tape, or one ONNX train-step graph on onnxruntime-web. */
export const FINETUNE_ENGINES = ['ts', 'wasm', 'webgpu'] as const;
/** Longest paragraph of the student's own (code points). */
export const OWN_MAX = 1500;

export const loraFinetuneSchema = defineSchema({
  /** What to fine-tune on: a public-domain preset or the student's own paragraph. */
  text: enumOf(FINETUNE_TEXTS, 'sonnets'),
  own: str({ default: '', maxLength: OWN_MAX }),
  steps: int({ default: 20, min: 1, max: 60 }),
  r: int({ default: 8, min: 1, max: 32 }),
  seed: seed(1),
  engine: enumOf(FINETUNE_ENGINES, 'ts'),
});
export type LoraFinetuneState = typeof loraFinetuneSchema.defaults;

export default defineWidget<LoraFinetuneState>({
  id: 'lora-finetune',
  title: 'Fine-tune lm with LoRA, in this page',
  description: 'LoRA adapters on W_q and W_v of the lab model lm, trained on a text you pick in a Web Worker (TypeScript on the CPU, or one ONNX train-step graph per step on ONNX Runtime WASM/WebGPU): held-out loss as it trains, generations before and after, adapter bytes against model bytes.',
  schema: loraFinetuneSchema,
  controls: ['text', 'own', 'steps', 'r', 'seed', 'engine'],
  minHeight: 520,
  Component: lazy(() => import('./LoraFinetune')),
});

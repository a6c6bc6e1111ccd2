/** Pure helpers of distill-compare: the rows of the table (teacher's top tokens at T). */
import { klAt, softmaxAt } from '@/lib/distill/kd';

export const MODELS = ['lm', 'lm-distill', 'lm-draft'] as const;
export type ModelId = (typeof MODELS)[number];
export const LABEL: Record<ModelId, string> = { lm: 'teacher lm', 'lm-distill': 'lm-distill', 'lm-draft': 'lm-draft' };

export interface DistillView {
  rows: { id: number; p: Record<ModelId, number> }[];
  kl: { 'lm-distill': number; 'lm-draft': number };
}

/** Teacher's top-k tokens at temperature T with every model's probability, and KL_T(teacher ‖ student). */
export function distillView(logits: Record<ModelId, Float32Array>, T: number, k = 8): DistillView {
  const p = Object.fromEntries(MODELS.map((m) => [m, softmaxAt(logits[m], T)])) as Record<ModelId, Float64Array>;
  const order = Array.from(p.lm.keys()).sort((a, b) => p.lm[b] - p.lm[a] || a - b).slice(0, k);
  return {
    rows: order.map((id) => ({ id, p: { lm: p.lm[id], 'lm-distill': p['lm-distill'][id], 'lm-draft': p['lm-draft'][id] } })),
    kl: { 'lm-distill': klAt(logits.lm, logits['lm-distill'], T), 'lm-draft': klAt(logits.lm, logits['lm-draft'], T) },
  };
}

export const pct = (x: number): string => (x >= 0.001 ? `${(100 * x).toFixed(1)}%` : '<0.1%');

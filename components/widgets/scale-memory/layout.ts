/**
 * Pure numbers of the scale-memory widget: the parameter breakdown of the chosen model and its
 * training memory on one device, for the chosen setup and for every precision × optimizer pair
 * (the chart compares them). All values come from lib/scale.
 *
 * Example (Llama 7B, mixed Adam, s 2048, b 1, no recomputation): 6,738,415,616 params → weights
 * 13.5 GB, grads 13.5 GB, optimizer 80.9 GB; activations 32 · 2048·4096·(34 + 5·32·2048/4096) =
 * 32 · 8,388,608 · 114 bytes = 30.6 GB.
 */
import { countParams, trainingMemory, type Optimizer, type ParamBreakdown, type Precision, type TrainingMemory } from '@/lib/scale';
import { resolveModel, type Resolved } from '../scale-common/resolve';
import type { ModelState, TrainingState } from '../scale-common/schema';

export interface MemoryView {
  model: Resolved;
  params: ParamBreakdown;
  current: TrainingMemory;
  combos: { precision: Precision; optimizer: Optimizer; label: string; memory: TrainingMemory }[];
}

const PREC_LABEL: Record<Precision, string> = { fp32: 'fp32', mixed: 'bf16 mixed' };
const OPT_LABEL: Record<Optimizer, string> = { adam: 'Adam', adam8bit: '8-bit Adam', sgd: 'SGD+mom.' };

export function comboLabel(p: Precision, o: Optimizer): string {
  return `${PREC_LABEL[p]}, ${OPT_LABEL[o]}`;
}

export function memoryView(s: ModelState & TrainingState): MemoryView {
  const model = resolveModel(s);
  const params = countParams(model.spec);
  const shape = { seq: s.seq, microBatch: s.microBatch, hidden: model.spec.dModel, heads: model.spec.nHead };
  const at = (precision: Precision, optimizer: Optimizer) => trainingMemory(params.total, model.spec.nLayer, shape, { precision, optimizer, recompute: s.recompute });
  const combos = (['fp32', 'mixed'] as const).flatMap((precision) =>
    (['adam', 'adam8bit', 'sgd'] as const).map((optimizer) => ({ precision, optimizer, label: comboLabel(precision, optimizer), memory: at(precision, optimizer) })),
  );
  return { model, params, current: at(s.precision, s.optimizer), combos };
}

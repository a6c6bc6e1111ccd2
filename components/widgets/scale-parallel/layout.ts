/**
 * Pure numbers and geometry of the scale-parallel widget.
 *
 *   parallelView(state)   resolves the model, splits `devices` into d · t · p (d = devices / (t·p),
 *                         rounded down, with a note when t·p does not divide devices), runs
 *                         lib/scale's simulate for the chosen ZeRO stage and for all four stages
 *   scheduleLayout(p, m, width)   the GPipe schedule as cells: slot width = width / 2(m+p−1)
 *
 * Example: devices 64, t 2, p 4 → d = 8. devices 60, t 8 → 60 is not a multiple of 8: d = 7,
 * 56 devices used.
 */
import { countParams, gpipeSchedule, simulate, type ParallelResult, type ZeroStage } from '@/lib/scale';
import { resolveModel, type Resolved } from '../scale-common/resolve';
import type { ScaleParallelState } from './index';

export interface ParallelView {
  model: Resolved;
  params: number;
  dp: number;
  used: number;
  notes: string[];
  result: ParallelResult;
  stages: ParallelResult[];
}

export function parallelView(s: ScaleParallelState): ParallelView {
  const model = resolveModel(s);
  const notes: string[] = model.note ? [model.note] : [];
  const params = s.paramsB > 0 ? s.paramsB * 1e9 : countParams(model.spec).total;
  const mp = s.tp * s.pp;
  let dp = Math.floor(s.devices / mp);
  if (dp < 1) {
    notes.push(`Tensor × pipeline = ${mp} needs more than ${s.devices} devices: using ${mp} devices (d = 1).`);
    dp = 1;
  } else if (dp * mp !== s.devices) {
    notes.push(`${s.devices} devices are not a multiple of t · p = ${mp}: using d = ${dp}, ${dp * mp} devices.`);
  }
  if (model.spec.nHead % s.tp !== 0) notes.push(`Megatron splits attention by heads: ${model.spec.nHead} heads do not split evenly over t = ${s.tp}.`);
  if (s.pp > model.spec.nLayer) notes.push(`${s.pp} pipeline stages for ${model.spec.nLayer} layers: some stages would be empty.`);
  const setup = (zero: ZeroStage) =>
    simulate({
      params, nLayer: model.spec.nLayer, shape: { seq: s.seq, microBatch: s.microBatch, hidden: model.spec.dModel, heads: model.spec.nHead },
      precision: s.precision, optimizer: s.optimizer, recompute: s.recompute, dp, tp: s.tp, pp: s.pp, zero, microBatches: s.micro,
    });
  const stages = ([0, 1, 2, 3] as const).map(setup);
  return { model, params, dp, used: dp * mp, notes, result: stages[Number(s.zero)], stages };
}

export interface Cell {
  x: number;
  y: number;
  w: number;
  h: number;
  kind: 'F' | 'B';
  micro: number;
  stage: number;
}

export function scheduleLayout(p: number, m: number, o: { width: number; labelWidth: number; rowHeight: number }): { cells: Cell[]; slotWidth: number; height: number; length: number } {
  const { slots, length } = gpipeSchedule(p, m);
  const slotWidth = Math.max(0, o.width - o.labelWidth) / length;
  const cells = slots.map((c) => ({
    x: o.labelWidth + c.t * slotWidth, y: c.stage * o.rowHeight, w: slotWidth, h: o.rowHeight - 2, kind: c.kind, micro: c.micro, stage: c.stage,
  }));
  return { cells, slotWidth, height: p * o.rowHeight, length };
}

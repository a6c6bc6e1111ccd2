/**
 * The fine-tune's events → what the widget draws: held-out and training loss points, the drop
 * in held-out loss so far, and steps per second.
 *
 *   curve([{step:0, valLoss:5.06}, {step:5, loss:4.9, valLoss:4.92}]) → val [[0,5.06],[5,4.92]], drop 0.14
 */
import type { FinetuneReport } from '@/lib/peft/finetune';

export interface StepPoint { report: FinetuneReport; ms: number }

export interface Curve {
  val: [number, number][];
  train: [number, number][];
  /** First held-out loss − the latest one (positive = better); null before two evaluations. */
  drop: number | null;
  /** Training steps per second between the first and the last step event; null before 2 steps. */
  stepsPerSec: number | null;
  /** ms from the job's start to the first held-out loss ≥ 0.05 below the first; null if none yet. */
  dropMs: number | null;
}

export const VISIBLE_DROP = 0.05;

export function curve(points: readonly StepPoint[]): Curve {
  const val: [number, number][] = [];
  const train: [number, number][] = [];
  let dropMs: number | null = null;
  for (const { report: r, ms } of points) {
    if (r.valLoss !== null && Number.isFinite(r.valLoss)) {
      val.push([r.step, r.valLoss]);
      if (dropMs === null && r.valLoss <= val[0][1] - VISIBLE_DROP) dropMs = ms;
    }
    if (Number.isFinite(r.loss)) train.push([r.step, r.loss]);
  }
  const drop = val.length >= 2 ? val[0][1] - val[val.length - 1][1] : null;
  const steps = points.filter((p) => p.report.step > 0);
  const stepsPerSec = steps.length >= 2 ? ((steps.length - 1) * 1000) / (steps[steps.length - 1].ms - steps[0].ms) : null;
  return { val, train, drop, stepsPerSec, dropMs };
}

/** y domain covering every loss with a little room (a fixed default before any point). */
export function lossDomain(c: Curve): [number, number] {
  const ys = [...c.val, ...c.train].map((p) => p[1]);
  if (ys.length === 0) return [0, 10];
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const pad = Math.max(0.05, (hi - lo) * 0.1);
  return [Math.max(0, lo - pad), hi + pad];
}

/**
 * The preference job's events → what the widget draws: loss points, the mean chosen-vs-rejected
 * gap and KL at each evaluation, steps per second, and the next-token bars before and now.
 *
 *   curves([{ report: { step: 0, loss: NaN, eval: { meanLoss: 0.693, … } }, ms: 0 }, …])
 *     → evalLoss [[0, 0.693], …], gap [[0, mean(chosen − rejected)], …]
 */
import type { AlignEvent } from '@/lib/align/job';
import type { AlignEval, AlignReport } from '@/lib/align/train';

export interface StepPoint { report: AlignReport; ms: number }

export interface Curves {
  /** Batch loss per step (from step 1). */
  train: [number, number][];
  /** Mean loss over every pair, at each evaluation. */
  evalLoss: [number, number][];
  /** Mean over pairs of chosen − rejected: log π(y_c|x) − log π(y_r|x) (DPO) or r_c − r_r (reward). */
  gap: [number, number][];
  kl: [number, number][];
  first: AlignEval | null;
  last: AlignEval | null;
  /** Steps per second between the first and the last step event; null before 2 steps. */
  stepsPerSec: number | null;
}

export function curves(points: readonly StepPoint[]): Curves {
  const train: [number, number][] = [];
  const evalLoss: [number, number][] = [];
  const gap: [number, number][] = [];
  const kl: [number, number][] = [];
  let first: AlignEval | null = null;
  let last: AlignEval | null = null;
  for (const { report: r } of points) {
    if (Number.isFinite(r.loss)) train.push([r.step, r.loss]);
    const e = r.eval;
    if (!e) continue;
    first ??= e;
    last = e;
    evalLoss.push([r.step, e.meanLoss]);
    gap.push([r.step, e.pairs.reduce((s, p) => s + p.chosen - p.rejected, 0) / e.pairs.length]);
    if (e.kl !== null) kl.push([r.step, e.kl]);
  }
  const steps = points.filter((p) => p.report.step > 0);
  const stepsPerSec = steps.length >= 2 ? ((steps.length - 1) * 1000) / (steps[steps.length - 1].ms - steps[0].ms) : null;
  return { train, evalLoss, gap, kl, first, last, stepsPerSec };
}

/** [lo, hi] around every y with 10% room, at least `minPad` (a fixed default before any point). */
export function domainOf(series: readonly (readonly [number, number])[][], fallback: [number, number], minPad = 0.05): [number, number] {
  const ys = series.flat().map((p) => p[1]).filter(Number.isFinite);
  if (ys.length === 0) return fallback;
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const pad = Math.max(minPad, (hi - lo) * 0.1);
  return [lo - pad, hi + pad];
}

export interface BarRow {
  label: string;
  /** 'chosen' / 'rejected' for the first token of the probe pair's answers. */
  role: 'chosen' | 'rejected' | null;
  before: number;
  now: number;
}

/** Next-token bars for the probe prompt: each reported token, then the rest of the vocabulary. */
export function probeBars(loaded: Extract<AlignEvent, { type: 'loaded' }> | undefined, first: AlignEval | null, last: AlignEval | null): BarRow[] {
  if (!loaded || !first?.probe || !last?.probe) return [];
  const rows: BarRow[] = loaded.probe.map((t, i) => ({
    label: JSON.stringify(t.label),
    role: t.id === loaded.chosenId ? 'chosen' : t.id === loaded.rejectedId ? 'rejected' : null,
    before: first.probe![i],
    now: last.probe![i],
  }));
  const sum = (k: 'before' | 'now'): number => rows.reduce((s, r) => s + r[k], 0);
  rows.push({ label: 'every other token', role: null, before: Math.max(0, 1 - sum('before')), now: Math.max(0, 1 - sum('now')) });
  return rows;
}

/**
 * Pure geometry of a training-curves chart (compute here, render in TrainingCurves.tsx):
 * loss (y) against optimizer step (x), one path per series, ticks, and the best validation point.
 *
 * The y axis is zoomed on the part of training worth reading: its top is the highest loss seen
 * after the first 10% of steps (rounded up to a multiple of 0.25), its bottom the lowest loss
 * (rounded down). The steep first steps (a loss near ln V ≈ 8.3 at step 0) run off the top and
 * are clipped by the chart; `clipped` says so, so the caption can tell the reader.
 *
 * Worked example: width 300, height 200, margin {top 10, right 10, bottom 30, left 40};
 * train [[0,6],[100,4],[200,3]], val [[0,6.2],[100,3.9],[200,3.4]].
 *   steps ≥ 20 have losses 4, 3, 3.9, 3.4 → y domain [3, 4]; x domain [0, 200].
 *   x = 40 + 250·step/200 → 40, 165, 290;  y = 10 + 160·(4 − loss) → 6 ↦ −310, 4 ↦ 10, 3 ↦ 170.
 *   train path "M40,-310L165,10L290,170"; best val (200, 3.4) at (290, 106);
 *   clipped: losses up to 6.2 above the chart, until step 0.
 */
import { format, line, scaleLinear } from 'd3';
import type { LossCurves, LossPoint } from './training-log';

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface Tick {
  value: number;
  /** Position along the axis in px (x for the step axis, y for the loss axis). */
  pos: number;
  label: string;
}

export interface CurvesLayout {
  width: number;
  height: number;
  /** The plot area (inside the margins). */
  plot: { x: number; y: number; width: number; height: number };
  train: string;
  val: string;
  best: (LossPoint & { x: number; y: number }) | null;
  xTicks: Tick[];
  yTicks: Tick[];
  yDomain: [number, number];
  /** Points above the top of the chart: the highest such loss and the last step with one. */
  clipped: { maxLoss: number; untilStep: number } | null;
}

const QUARTER = 4;
const stepLabel = format('~s');

/** The y domain: [min loss, max loss after the first 10% of steps], outward to multiples of 0.25. */
export function lossDomain(points: readonly LossPoint[]): [number, number] {
  if (points.length === 0) return [0, 1];
  const last = Math.max(...points.map((p) => p.step));
  const first = Math.min(...points.map((p) => p.step));
  const cutoff = first + 0.1 * (last - first);
  const late = points.filter((p) => p.step >= cutoff).map((p) => p.loss);
  const lo = Math.floor(Math.min(...points.map((p) => p.loss)) * QUARTER) / QUARTER;
  const hi = Math.ceil(Math.max(...late) * QUARTER) / QUARTER;
  return [lo, hi > lo ? hi : lo + 1 / QUARTER];
}

export function layoutCurves(c: LossCurves, o: { width: number; height: number; margin: Margin }): CurvesLayout {
  const { width, height, margin: m } = o;
  const all = [...c.train, ...c.val];
  const plot = { x: m.left, y: m.top, width: Math.max(0, width - m.left - m.right), height: Math.max(0, height - m.top - m.bottom) };
  const steps = all.map((p) => p.step);
  const x = scaleLinear()
    .domain(all.length ? [Math.min(...steps), Math.max(...steps)] : [0, 1])
    .range([plot.x, plot.x + plot.width]);
  const yDomain = lossDomain(all);
  const y = scaleLinear().domain(yDomain).range([plot.y + plot.height, plot.y]);
  const path = line<LossPoint>()
    .x((p) => x(p.step))
    .y((p) => y(p.loss));
  const above = all.filter((p) => p.loss > yDomain[1]);
  const xTicks = x.ticks(plot.width < 260 ? 3 : 5).map((v) => ({ value: v, pos: x(v), label: stepLabel(v) }));
  const yTicks = y.ticks(4).map((v) => ({ value: v, pos: y(v), label: v.toFixed(2) }));
  return {
    width,
    height,
    plot,
    train: path(c.train) ?? '',
    val: path(c.val) ?? '',
    best: c.best ? { ...c.best, x: x(c.best.step), y: y(c.best.loss) } : null,
    xTicks,
    yTicks,
    yDomain,
    clipped: above.length ? { maxLoss: Math.max(...above.map((p) => p.loss)), untilStep: Math.max(...above.map((p) => p.step)) } : null,
  };
}

/**
 * Pure geometry of an x–y chart with a log x axis and a log or linear y axis (compute here, render
 * in the widget): scales, ticks labelled in powers of ten (or SI), and paths.
 *
 * Example: x domain [1e6, 1e9] on 300 px with margins left 40 / right 10 → plot 250 px, 1e6 ↦ 40,
 * 1e9 ↦ 290, 1e7 ↦ 40 + 250/3 ≈ 123.3; ticks 1e6, 1e7, 1e8, 1e9 labelled "10⁶" … "10⁹".
 */
import { line, scaleLinear, scaleLog } from 'd3';

export interface Margin { top: number; right: number; bottom: number; left: number }

export interface Axes {
  width: number;
  height: number;
  plot: { x: number; y: number; width: number; height: number };
  x: (v: number) => number;
  y: (v: number) => number;
  xTicks: { value: number; pos: number; label: string }[];
  yTicks: { value: number; pos: number; label: string }[];
}

const SUP: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
/** 1e14 → "10¹⁴", 2e14 → "2·10¹⁴", 1e-3 → "10⁻³". */
export function pow10(v: number): string {
  const e = Math.floor(Math.log10(v) + 1e-9);
  const m = Math.round(v / 10 ** e);
  const p = `10${String(e).split('').map((c) => SUP[c] ?? c).join('')}`;
  return m === 1 ? p : `${m}·${p}`;
}

/** Powers of ten within [lo, hi], thinned to at most `max` (every k-th). */
export function decadeTicks(lo: number, hi: number, max: number): number[] {
  const out: number[] = [];
  for (let e = Math.ceil(Math.log10(lo) - 1e-9); e <= Math.floor(Math.log10(hi) + 1e-9); e++) out.push(10 ** e);
  const k = Math.max(1, Math.ceil(out.length / max));
  return out.filter((_, i) => i % k === 0);
}

/**
 * Ticks of a log axis: powers of ten (thinned to `max`) when the range spans at least two of them;
 * otherwise 1, 2 and 5 times powers of ten, so a short range still gets labels.
 * logTicks(2.4e5, 3.7e6, 6) = [5e5, 1e6, 2e6].
 */
export function logTicks(lo: number, hi: number, max: number): number[] {
  const decades = decadeTicks(lo, hi, max);
  if (decades.length >= 2) return decades;
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo && v <= hi) out.push(v);
    }
  }
  return out;
}

export function makeAxes(o: { width: number; height: number; margin: Margin; xDomain: [number, number]; yDomain: [number, number]; yLog?: boolean; yFormat?: (v: number) => string; xFormat?: (v: number) => string }): Axes {
  const m = o.margin;
  const plot = { x: m.left, y: m.top, width: Math.max(10, o.width - m.left - m.right), height: Math.max(10, o.height - m.top - m.bottom) };
  const xs = scaleLog().domain(o.xDomain).range([plot.x, plot.x + plot.width]);
  const ys = (o.yLog ? scaleLog() : scaleLinear()).domain(o.yDomain).range([plot.y + plot.height, plot.y]);
  const xf = o.xFormat ?? pow10;
  const maxX = plot.width < 260 ? 4 : 7;
  const xTicks = logTicks(o.xDomain[0], o.xDomain[1], maxX).map((v) => ({ value: v, pos: xs(v), label: xf(v) }));
  const yVals = o.yLog ? decadeTicks(o.yDomain[0], o.yDomain[1], 6) : (ys as ReturnType<typeof scaleLinear>).ticks(5);
  const yf = o.yFormat ?? (o.yLog ? pow10 : (v: number) => v.toFixed(2));
  return { width: o.width, height: o.height, plot, x: (v) => xs(v), y: (v) => ys(v), xTicks, yTicks: yVals.map((v) => ({ value: v, pos: ys(v), label: yf(v) })) };
}

export function pathOf(a: Axes, pts: readonly (readonly [number, number])[]): string {
  return line<readonly [number, number]>().x((p) => a.x(p[0])).y((p) => a.y(p[1]))(pts) ?? '';
}

/** n points evenly spaced in log between lo and hi. */
export function logspace(lo: number, hi: number, n: number): number[] {
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  return Array.from({ length: n }, (_, i) => 10 ** (a + ((b - a) * i) / Math.max(1, n - 1)));
}

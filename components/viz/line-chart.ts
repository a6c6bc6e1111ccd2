/**
 * Geometry of a multi-series line chart (pure: data → SVG paths and ticks; D3 does the scales).
 * Used by the Positions lesson's figures (loss per position, RoPE spectrum, q·k by distance).
 */
import { line, scaleLinear } from 'd3';

export interface LinePoint { x: number; y: number }
export interface LineSeries {
  id: string;
  label: string;
  points: readonly LinePoint[];
  /** Index into the chart palette (lc-c0 … lc-c5). */
  color: number;
  dashed?: boolean;
}
export interface VLine { x: number; label: string }

export interface LineChartOptions {
  xDomain: [number, number];
  /** Default: the data's range, padded and made nice. */
  yDomain?: [number, number];
  vlines?: readonly VLine[];
  xTickFormat?: (v: number) => string;
  yTickFormat?: (v: number) => string;
}

export const LINE_MARGIN = { top: 18, right: 14, bottom: 34, left: 46 };

export interface LineChartGeometry {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  paths: { id: string; d: string; color: number; dashed: boolean; end: LinePoint | null }[];
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  vlines: { x: number; label: string }[];
}

const r2 = (v: number) => Math.round(v * 100) / 100;

/** The y range of every finite point, padded 5% and rounded to nice ticks ([0, 1] when empty). */
export function autoDomain(series: readonly LineSeries[]): [number, number] {
  const ys = series.flatMap((s) => s.points.map((p) => p.y)).filter(Number.isFinite);
  if (ys.length === 0) return [0, 1];
  let lo = Math.min(...ys), hi = Math.max(...ys);
  if (hi - lo < 1e-9) { lo -= 0.5; hi += 0.5; }
  const pad = (hi - lo) * 0.05;
  return scaleLinear().domain([lo - pad, hi + pad]).nice().domain() as [number, number];
}

export function lineChartLayout(series: readonly LineSeries[], opts: LineChartOptions, width: number, height: number): LineChartGeometry {
  const m = LINE_MARGIN;
  const x = scaleLinear().domain(opts.xDomain).range([m.left, width - m.right]);
  const y = scaleLinear().domain(opts.yDomain ?? autoDomain(series)).range([height - m.bottom, m.top]).clamp(true);
  const gen = line<LinePoint>().defined((p) => Number.isFinite(p.y)).x((p) => r2(x(p.x))).y((p) => r2(y(p.y)));
  const fx = opts.xTickFormat ?? String;
  const fy = opts.yTickFormat ?? ((v: number) => String(v));
  return {
    width,
    height,
    plot: { left: m.left, right: width - m.right, top: m.top, bottom: height - m.bottom },
    paths: series.map((s) => {
      const last = [...s.points].reverse().find((p) => Number.isFinite(p.y)) ?? null;
      return { id: s.id, d: gen(s.points as LinePoint[]) ?? '', color: s.color, dashed: !!s.dashed, end: last && { x: r2(x(last.x)), y: r2(y(last.y)) } };
    }),
    xTicks: x.ticks(Math.max(2, Math.floor(width / 90))).map((t) => ({ x: r2(x(t)), label: fx(t) })),
    yTicks: y.ticks(5).map((t) => ({ y: r2(y(t)), label: fy(t) })),
    vlines: (opts.vlines ?? []).filter((v) => v.x >= opts.xDomain[0] && v.x <= opts.xDomain[1]).map((v) => ({ x: r2(x(v.x)), label: v.label })),
  };
}

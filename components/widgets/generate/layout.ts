/**
 * Pure geometry of the generate widget's two figures (compute here, render in React):
 *
 *   topTokens(p, k)        the k most likely ids of a distribution, ties broken by the lower id
 *   layoutBars(items, o)   horizontal probability bars: a d3 band scale for rows, a linear scale
 *                          for length (0 … the largest p, so the top bar spans the plot); the
 *                          value text sits right of each bar, in a reserved valueWidth column
 *   windowOf(T, S, w)      the last w queries × last w keys of an attention matrix [T, S]
 *   layoutHeatmap(m, …)    one cell per (query, key) with key ≤ query (causal), band scales for
 *                          position and a sqrt scale for the cell's opacity
 *
 * Worked example (bars): p = [0.5, 0.3, 0.2], width 340, labelWidth 100, valueWidth 40,
 * rowHeight 24 → plot width 200; bar lengths 200, 120, 80; band step 24 with inner padding 0.25 → bar height 18,
 * y = 3, 27, 51.
 */
import { scaleBand, scaleLinear, scaleSqrt } from 'd3';

export interface TokenProb {
  id: number;
  p: number;
}

/** The k largest entries of p (descending; equal p → lower id first). Zero-probability ids are left out. */
export function topTokens(p: ArrayLike<number>, k: number): TokenProb[] {
  const out: TokenProb[] = [];
  for (let id = 0; id < p.length; id++) if (p[id] > 0) out.push({ id, p: p[id] });
  out.sort((a, b) => b.p - a.p || a.id - b.id);
  return out.slice(0, Math.max(0, k));
}

export interface BarInput extends TokenProb {
  label: string;
  chosen?: boolean;
}

export interface Bar extends BarInput {
  /** Top of the bar's row band and the bar's height. */
  y: number;
  height: number;
  /** Bar length in px (starts at labelWidth). */
  width: number;
  /** "42.0%" (one decimal) or "<0.1%". */
  pct: string;
}

export interface BarsLayout {
  bars: Bar[];
  width: number;
  height: number;
  labelWidth: number;
  plotWidth: number;
}

export function formatPct(p: number): string {
  if (p > 0 && p < 0.001) return '<0.1%';
  return `${(p * 100).toFixed(1)}%`;
}

export function layoutBars(items: readonly BarInput[], o: { width: number; labelWidth: number; valueWidth: number; rowHeight: number }): BarsLayout {
  const plotWidth = Math.max(0, o.width - o.labelWidth - o.valueWidth);
  const height = items.length * o.rowHeight;
  const y = scaleBand<number>()
    .domain(items.map((_, i) => i))
    .range([0, height])
    .paddingInner(0.25)
    .paddingOuter(0.125);
  const maxP = Math.max(0, ...items.map((d) => d.p));
  const x = scaleLinear().domain([0, maxP > 0 ? maxP : 1]).range([0, plotWidth]);
  const bars = items.map((d, i) => ({ ...d, y: y(i) ?? 0, height: y.bandwidth(), width: x(d.p), pct: formatPct(d.p) }));
  return { bars, width: o.width, height, labelWidth: o.labelWidth, plotWidth };
}

export interface HeatWindow {
  /** First query row and first key column shown. */
  row0: number;
  col0: number;
  /** Rows (= columns) shown. */
  n: number;
}

/** The last w queries and the last w keys (keys S ≥ queries T when a cache precedes them). */
export function windowOf(T: number, S: number, w: number): HeatWindow {
  const n = Math.max(0, Math.min(T, w));
  return { row0: T - n, col0: S - n, n };
}

export interface Cell {
  /** Query and key position in the full sequence. */
  row: number;
  col: number;
  x: number;
  y: number;
  value: number;
  /** Fill opacity in [0.06, 1]: sqrt scale, so small weights stay visible. */
  opacity: number;
}

export interface HeatmapLayout {
  cells: Cell[];
  cellSize: number;
  size: number;
  window: HeatWindow;
}

/**
 * Cells of one head's attention matrix m [T, S] (row-major) inside a `size`-px square, for the
 * window of the last `maxN` positions. Future keys (col - col0 > row - row0) get no cell.
 * Example: m = [[1,0,0],[.25,.75,0],[.2,.3,.5]], size 90 → cellSize 30, 6 cells, cell (2,1) at x 30, y 60.
 */
export function layoutHeatmap(m: ArrayLike<number>, T: number, S: number, size: number, maxN: number): HeatmapLayout {
  if (m.length !== T * S) throw new Error(`layoutHeatmap: matrix has ${m.length} values, expected ${T}×${S}`);
  const win = windowOf(T, S, maxN);
  const band = scaleBand<number>()
    .domain(Array.from({ length: win.n }, (_, i) => i))
    .range([0, size]);
  const opacity = scaleSqrt().domain([0, 1]).range([0.06, 1]).clamp(true);
  const cells: Cell[] = [];
  for (let i = 0; i < win.n; i++) {
    for (let j = 0; j <= i; j++) {
      const row = win.row0 + i;
      const col = win.col0 + j;
      const value = m[row * S + col];
      cells.push({ row, col, x: band(j) ?? 0, y: band(i) ?? 0, value, opacity: opacity(value) });
    }
  }
  return { cells, cellSize: band.bandwidth(), size, window: win };
}

/**
 * Which of n rows (or columns) of cellSize px get a text label, so labels are at least minGap px
 * apart: every `step`-th one, counted back from the last (the newest token is always labelled).
 * Example: n 10, cellSize 6, minGap 14 → step ⌈14/6⌉ = 3 → [0, 3, 6, 9]; cellSize ≥ 14 → all ten.
 */
export function labelIndices(n: number, cellSize: number, minGap: number): number[] {
  if (n <= 0 || cellSize <= 0) return [];
  const step = Math.max(1, Math.ceil(minGap / cellSize - 1e-9));
  const out: number[] = [];
  for (let i = (n - 1) % step; i < n; i += step) out.push(i);
  return out;
}

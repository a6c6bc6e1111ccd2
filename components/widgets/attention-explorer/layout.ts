/**
 * Pure geometry and data of the attention explorer (compute here, render in React):
 *
 *   headMatrix(taps, l, h)     one head's probabilities [T, T] (a view into the tap)
 *   heatCells(m, T, cell)      the causal cells (key ≤ query) of a [T, T] matrix, at `cell` px each,
 *                              with opacity √p so that small weights stay visible (p = 0.25 → 0.5)
 *   moveCell(cell, key, T)     arrow-key navigation of the picked (query, key) cell, kept causal
 *   pickCell(q, k, T)          URL values → a valid cell (query < T, key ≤ query)
 *   signedBars(v, w, h)        a vector as bars around a midline, height ∝ |v| / max|v|
 *
 * Example: T = 3 → heatCells gives 6 cells, (0,0) (1,0) (1,1) (2,0) (2,1) (2,2); moveCell from
 * (2, 2) with ArrowUp → (1, 1) (the key follows the query down to stay causal).
 */
import type { F32 } from './useTaps';

/** Tokens the explorer reads (the model's context is 256; 64 keep every cell visible). */
export const MAX_TOKENS = 64;

export function headMatrix(probs: F32, h: number): Float32Array {
  const [, nh, T, S] = probs.dims;
  const hh = Math.min(Math.max(0, h), nh - 1);
  return probs.data.subarray(hh * T * S, (hh + 1) * T * S); // [T, S]
}

export interface HeatCell {
  row: number;
  col: number;
  x: number;
  y: number;
  value: number;
  opacity: number;
}

export function heatCells(m: ArrayLike<number>, T: number, cell: number): HeatCell[] {
  const out: HeatCell[] = [];
  for (let row = 0; row < T; row++) {
    for (let col = 0; col <= row; col++) {
      const value = m[row * T + col];
      out.push({ row, col, x: col * cell, y: row * cell, value, opacity: Math.sqrt(Math.max(0, Math.min(1, value))) });
    }
  }
  return out;
}

export interface Cell {
  query: number;
  key: number;
}

export function pickCell(query: number, key: number, T: number): Cell {
  const q = Math.min(Math.max(0, query), Math.max(0, T - 1));
  return { query: q, key: Math.min(Math.max(0, key), q) };
}

/** Arrow keys move by one cell, Home/End go to the row's first key / the diagonal; null = not ours. */
export function moveCell(c: Cell, key: string, T: number): Cell | null {
  switch (key) {
    case 'ArrowUp': return pickCell(c.query - 1, c.key, T);
    case 'ArrowDown': return pickCell(c.query + 1, c.key, T);
    case 'ArrowLeft': return pickCell(c.query, c.key - 1, T);
    case 'ArrowRight': return pickCell(c.query, c.key + 1, T);
    case 'Home': return pickCell(c.query, 0, T);
    case 'End': return pickCell(c.query, c.query, T);
    default: return null;
  }
}

export interface SignedBar {
  x: number;
  y: number;
  width: number;
  height: number;
  positive: boolean;
}

/** One bar per component, centred on y = h/2; the largest |v| fills half the height. */
export function signedBars(v: ArrayLike<number>, width: number, height: number, scaleMax?: number): SignedBar[] {
  let m = scaleMax ?? 0;
  if (scaleMax === undefined) for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  const step = width / v.length;
  const half = height / 2;
  return Array.from({ length: v.length }, (_, i) => {
    const hgt = m > 0 ? (Math.abs(v[i]) / m) * half : 0;
    return { x: i * step + step * 0.1, width: step * 0.8, y: v[i] >= 0 ? half - hgt : half, height: hgt, positive: v[i] >= 0 };
  });
}

/** "0.123", "−1.50", "−∞": fixed decimals with a true minus sign. */
export function num(x: number, digits = 3): string {
  if (x === -Infinity) return '−∞';
  if (x === Infinity) return '∞';
  const s = x.toFixed(digits);
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}

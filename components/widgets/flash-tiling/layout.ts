/**
 * Pure helpers for the flash-tiling widget: one head's [T, hs] matrix out of a [1, n, T, hs] tap,
 * the state of every cell of the T×T score grid at a step, and number formatting.
 */
import type { BlockStep } from '@/lib/longctx/flash';

/** Tokens drawn (the grid has T×T cells). */
export const MAX_TOKENS = 48;

/** Rows of head h from a [1, n, T, hs] float32 tap, as a [T, hs] copy. */
export function headRows(t: { data: Float32Array; dims: number[] }, h: number): Float32Array {
  const [, n, T, hs] = t.dims;
  if (h < 0 || h >= n) throw new Error(`head ${h} of ${n}`);
  return t.data.slice(h * T * hs, (h + 1) * T * hs);
}

/** The K/V head a query head reads under GQA: nh / nkv query heads share one. */
export const kvHead = (h: number, nh: number, nkv: number): number => Math.floor(h / (nh / nkv));

export type CellState = 'future' | 'done' | 'current' | 'todo';

/** State of score cell (r, c) once steps 0..k have run (causal: c > r is never computed). */
export function cellState(steps: readonly BlockStep[], k: number, r: number, c: number): CellState {
  if (c > r) return 'future';
  const idx = steps.findIndex((s) => r >= s.r0 && r < s.r1 && c >= s.c0 && c < s.c1);
  return idx === k ? 'current' : idx < k ? 'done' : 'todo';
}

/** Compact engineering number: 1234567 → "1.23 M". */
export function big(x: number): string {
  if (x >= 1e9) return `${(x / 1e9).toFixed(2)} G`;
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)} M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)} k`;
  return String(x);
}

/** A running statistic for display: −∞ before the row has seen a key. */
export const stat = (x: number): string => (x === -Infinity ? '−∞' : x.toFixed(3));

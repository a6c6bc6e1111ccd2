/**
 * Sparse attention patterns as plain tables, for drawing and counting (the model applies the same
 * patterns through cfg.attnMask, built from Ops in lib/model/positions.ts; a test checks both agree).
 * Every pattern is causal: query i (row) may only see keys j ≤ i (columns). With d = i − j:
 *
 *   full            every j ≤ i                                  ordinary causal attention
 *   window          d < size                                     sliding window (Beltagy et al. 2020)
 *   dilated-window  d < size·dilation and d mod dilation = 0     `size` keys, `dilation` apart (ibid.)
 *   strided         d < size or d mod stride = 0                 local + strided (Child et al. 2019)
 *   global-local    d < size or j mod every = 0 or i mod every = 0
 *                   a local window plus global positions that see and are seen by all
 *
 * Example, strided {size 2, stride 3}, T = 5 ('1' visible):
 *   1....  11...  .11..  1.11.  .1.11
 */
import type { AttentionMask } from '@/lib/model/config';

export type PatternKind = 'full' | 'window' | 'dilated-window' | 'strided' | 'global-local';
export const PATTERN_KINDS: readonly PatternKind[] = ['full', 'window', 'dilated-window', 'strided', 'global-local'];

export interface Pattern {
  kind: PatternKind;
  /** Local keys (window length); for dilated-window the number of keys. */
  size: number;
  /** stride (strided), dilation (dilated-window) or global period (global-local); unused otherwise. */
  period: number;
}

/** Whether query i sees key j under the pattern. */
export function visible(p: Pattern, i: number, j: number): boolean {
  if (j > i) return false;
  const d = i - j;
  switch (p.kind) {
    case 'full': return true;
    case 'window': return d < p.size;
    case 'dilated-window': return d < p.size * p.period && d % p.period === 0;
    case 'strided': return d < p.size || d % p.period === 0;
    case 'global-local': return d < p.size || j % p.period === 0 || i % p.period === 0;
  }
}

/** The T×T table (row-major, 1 = visible). */
export function maskTable(p: Pattern, T: number): Uint8Array {
  const out = new Uint8Array(T * T);
  for (let i = 0; i < T; i++) for (let j = 0; j <= i; j++) out[i * T + j] = visible(p, i, j) ? 1 : 0;
  return out;
}

/** Rows of '1' / '.' (for tests and the data table). */
export function maskRows(p: Pattern, T: number): string[] {
  return Array.from({ length: T }, (_, i) => Array.from({ length: T }, (_, j) => (visible(p, i, j) ? '1' : '.')).join(''));
}

export interface Density {
  /** Visible (query, key) pairs. */
  kept: number;
  /** Pairs of full causal attention: T(T+1)/2. */
  causal: number;
  /** kept / causal. */
  fraction: number;
  /** Most keys any one query sees. */
  maxPerRow: number;
}

/** How many of the causal pairs the pattern keeps. */
export function density(p: Pattern, T: number): Density {
  let kept = 0, maxPerRow = 0;
  for (let i = 0; i < T; i++) {
    let row = 0;
    for (let j = 0; j <= i; j++) if (visible(p, i, j)) row++;
    kept += row;
    maxPerRow = Math.max(maxPerRow, row);
  }
  const causal = (T * (T + 1)) / 2;
  return { kept, causal, fraction: kept / causal, maxPerRow };
}

/** The cfg.attnMask that applies the pattern inside the model. */
export function toAttnMask(p: Pattern): AttentionMask {
  switch (p.kind) {
    case 'full': return { kind: 'causal' };
    case 'window': return { kind: 'window', size: p.size };
    case 'dilated-window': return { kind: 'dilated-window', size: p.size, dilation: p.period };
    case 'strided': return { kind: 'strided', size: p.size, stride: p.period };
    case 'global-local': return { kind: 'global-local', size: p.size, every: p.period };
  }
}

/** Short human description, e.g. "strided: last 16 keys + every 16th". */
export function describe(p: Pattern): string {
  switch (p.kind) {
    case 'full': return 'full causal attention';
    case 'window': return `sliding window of the last ${p.size} keys`;
    case 'dilated-window': return `dilated window: ${p.size} keys, ${p.period} apart`;
    case 'strided': return `strided: the last ${p.size} keys + every ${p.period}th before`;
    case 'global-local': return `local ${p.size} keys + global positions every ${p.period}`;
  }
}

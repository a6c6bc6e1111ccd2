import { describe, expect, it } from 'vitest';
import { big, cellState, headRows, kvHead, stat } from '@/components/widgets/flash-tiling/layout';
import { flashAttention } from '@/lib/longctx/flash';

describe('flash-tiling layout', () => {
  it('cuts one head out of a [1, n, T, hs] tap', () => {
    const t = { data: Float32Array.from({ length: 2 * 3 * 2 }, (_, i) => i), dims: [1, 2, 3, 2] };
    expect(Array.from(headRows(t, 1))).toEqual([6, 7, 8, 9, 10, 11]);
    expect(() => headRows(t, 2)).toThrow();
  });

  it('maps query heads to K/V heads under GQA (4 query heads, 2 K/V heads)', () => {
    expect([0, 1, 2, 3].map((h) => kvHead(h, 4, 2))).toEqual([0, 0, 1, 1]);
  });

  it('marks cells done, current, to do or future along Algorithm 1\'s order', () => {
    const a = { q: [1, 2, 3, 4], k: [1, 2, 3, 4], v: [1, 2, 3, 4], n: 4, d: 1, causal: true };
    const steps = flashAttention(a, 2, 2).steps; // (0,0) (1,0) (0,1) (1,1)
    expect(cellState(steps, 1, 3, 0)).toBe('current');
    expect(cellState(steps, 1, 0, 0)).toBe('done');
    expect(cellState(steps, 1, 3, 3)).toBe('todo');
    expect(cellState(steps, 1, 0, 3)).toBe('future');
  });

  it('formats counts and running statistics', () => {
    expect(big(67_633_152)).toBe('67.63 M');
    expect(big(999)).toBe('999');
    expect(stat(-Infinity)).toBe('−∞');
    expect(stat(1.23456)).toBe('1.235');
  });
});

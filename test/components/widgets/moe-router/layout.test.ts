// Router grid view data against hand-made taps.
import { describe, expect, it } from 'vitest';
import { cellOpacity, cells, loadShares } from '@/components/widgets/moe-router/layout';

// 2 tokens, 3 experts, top-2: token 0 picks experts 2 (0.5) then 0 (0.3); token 1 picks 1 (0.6) then 2 (0.3).
const taps = { probs: Float32Array.from([0.3, 0.2, 0.5, 0.1, 0.6, 0.3]), chosen: Float32Array.from([1, 0, 1, 0, 1, 1]) };

describe('router grid', () => {
  it('marks chosen experts with their rank by probability', () => {
    const c = cells(taps, 3);
    expect(c[0].map((x) => x.rank)).toEqual([2, 0, 1]);
    expect(c[1].map((x) => x.rank)).toEqual([0, 1, 2]);
    expect(c[1][1]).toEqual({ p: Float32Array.from([0.6])[0], chosen: true, rank: 1 });
  });

  it('load shares count slots: expert 2 has 2 of 4', () => {
    expect(loadShares(taps, 3)).toEqual({ counts: [1, 1, 2], shares: [0.25, 0.25, 0.5] });
  });

  it('cell opacity runs from 0.08 to 1 and clamps', () => {
    expect(cellOpacity(0)).toBe(0.08);
    expect(cellOpacity(1)).toBe(1);
    expect(cellOpacity(2)).toBe(1);
    expect(cellOpacity(0.5)).toBeCloseTo(0.54, 10);
  });
});

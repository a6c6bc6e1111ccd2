import { describe, expect, it } from 'vitest';
import { guideLines, headTable } from '@/components/widgets/attention-heads/layout';

describe('head-scoring table', () => {
  it('scores every head three ways and ranks them; a perfect induction head on a block of 3 comes first', () => {
    const T = 6;
    const induction = new Float32Array(T * T);
    const previous = new Float32Array(T * T);
    for (let i = 0; i < T; i++) {
      induction[i * T + (i >= 3 ? i - 2 : 0)] = 1;
      previous[i * T + Math.max(0, i - 1)] = 1;
    }
    const tap = { data: Float32Array.from([...induction, ...previous]), dims: [1, 2, T, T] };
    const t = headTable([tap], 3);
    expect(t.scores.induction.map((s) => s.score)).toEqual([1, 0]);
    expect(t.ranked.previous[0]).toEqual({ layer: 0, head: 1, score: 1 });
    expect(t.baseline.induction).toBeCloseTo((1 / 4 + 1 / 5 + 1 / 6) / 3, 12);
  });

  it('guideLines: the doc-comment example for a block of 3', () => {
    expect(guideLines(3)).toEqual({ previous: [0.5, 1.5, 4.5, 5.5], induction: [1.5, 3.5, 3.5, 5.5] });
  });
});

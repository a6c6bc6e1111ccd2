import { describe, expect, it } from 'vitest';
import { barWidth, caseText, setSummary } from '@/components/widgets/embed-analogy/layout';
import type { CaseResult } from '@/lib/interp/analogy-set';

const c = { relation: 'r', a: 'man', b: 'woman', c: 'he', expected: 'she' };
const res = (rank: number, baselineRank: number): CaseResult => ({ case: c, result: { top: [], rank, expectedCos: 0.5, baselineRank }, split: null, answers: [] });

describe('embed-analogy layout', () => {
  it('bar widths clamp the cosine to [0, 1]', () => {
    expect(barWidth(0.5, 120)).toBe(60);
    expect(barWidth(-0.2, 120)).toBe(0);
    expect(barWidth(1.5, 120)).toBe(120);
  });

  it('writes a case as a : b :: c : d', () => {
    expect(caseText(c)).toBe('man : woman :: he : she');
  });

  it('the summary counts skipped cases apart and compares with the only-c baseline', () => {
    const skipped: CaseResult = { case: c, result: null, split: 'king', answers: [] };
    expect(setSummary([res(1, 3), res(2, 1), res(9, 9), skipped])).toEqual({
      run: 3, skipped: 1, top1: 1, top5: 2, baselineTop1: 1, medianRank: 2, baselineMedianRank: 3,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { buckets, meanRange, meanRows, tokenNll } from '@/lib/longctx/position-loss';

describe('loss per position', () => {
  it('is ln 2 for two equal logits and ln(4/3) for logits (ln 3, 0) on the likelier token', () => {
    const nll = tokenNll([0, 0, Math.log(3), 0], 2, [1, 0]);
    expect(nll[0]).toBeCloseTo(Math.LN2, 12);
    expect(nll[1]).toBeCloseTo(Math.log(4 / 3), 12);
  });
  it('does not overflow on huge logits (max subtracted)', () => {
    const nll = tokenNll([1000, 1000, 1000], 3, [2]);
    expect(nll[0]).toBeCloseTo(Math.log(3), 12);
  });
  it('uses only as many rows as there are targets', () => {
    expect(tokenNll([0, 0, 5, 5, 9, 9], 2, [0, 1]).length).toBe(2);
  });
  it('rejects a target outside the vocabulary and too few logit rows', () => {
    expect(() => tokenNll([0, 0], 2, [2])).toThrow(/token id/);
    expect(() => tokenNll([0, 0], 2, [0, 1])).toThrow(/rows/);
  });
  it('averages windows position by position', () => {
    expect(Array.from(meanRows([[1, 2, 3], [3, 4, 5]]))).toEqual([2, 3, 4]);
    expect(() => meanRows([[1], [1, 2]])).toThrow();
  });
  it('averages a range and buckets a curve (the last bucket may be short)', () => {
    const v = [1, 2, 3, 4, 5];
    expect(meanRange(v, 1, 3)).toBe(2.5);
    expect(meanRange(v, 3, 99)).toBe(4.5);
    expect(Number.isNaN(meanRange(v, 5, 9))).toBe(true);
    expect(buckets(v, 2)).toEqual([{ start: 0, end: 2, mean: 1.5 }, { start: 2, end: 4, mean: 3.5 }, { start: 4, end: 5, mean: 5 }]);
  });
});

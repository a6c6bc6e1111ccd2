import { describe, expect, it } from 'vitest';
import { diagonalMean, headRole, firstTokenScore, inductionScore, previousTokenScore, rankHeads, scoreHeads, uniformBaseline } from '@/lib/interp/head-scores';

/** [T, T] matrix where row i puts all its weight on key f(i) (clamped to the causal range). */
function oneHot(T: number, f: (i: number) => number): Float32Array {
  const m = new Float32Array(T * T);
  for (let i = 0; i < T; i++) m[i * T + Math.min(i, Math.max(0, f(i)))] = 1;
  return m;
}
/** Uniform causal attention: row i spreads 1/(i+1) over keys 0..i. */
function uniform(T: number): Float64Array {
  const m = new Float64Array(T * T);
  for (let i = 0; i < T; i++) for (let j = 0; j <= i; j++) m[i * T + j] = 1 / (i + 1);
  return m;
}

describe('head scores on hand-built attention matrices', () => {
  it('a head that always looks one token back scores 1 as previous-token and 1/(T-1) as first-token', () => {
    const p = oneHot(5, (i) => i - 1);
    expect(previousTokenScore(p, 5)).toBe(1);
    expect(firstTokenScore(p, 5)).toBeCloseTo(1 / 4, 12); // only row 1 (whose previous token is 0)
  });

  it('a head that always looks at token 0 scores 1 as first-token and 1/(T-1) as previous-token', () => {
    const p = oneHot(5, () => 0);
    expect(firstTokenScore(p, 5)).toBe(1);
    expect(previousTokenScore(p, 5)).toBeCloseTo(1 / 4, 12);
  });

  it('the doc-comment example: P = [[1,0,0],[1,0,0],[0,1,0]] gives previous 1 and first 0.5', () => {
    const p = [1, 0, 0, 1, 0, 0, 0, 1, 0];
    expect(previousTokenScore(p, 3)).toBe(1);
    expect(firstTokenScore(p, 3)).toBe(0.5);
  });

  it('a perfect induction head on a repeated block of 4 (T = 8) scores 1; a previous-token head scores 0 there', () => {
    // query i = 4 + j attends to key j + 1 (the token after the first occurrence of token j)
    const ind = oneHot(8, (i) => (i >= 4 ? i - 3 : 0));
    expect(inductionScore(ind, 8, 4)).toBe(1);
    expect(inductionScore(oneHot(8, (i) => i - 1), 8, 4)).toBe(0);
  });

  it('a duplicate-token head (attends to the earlier copy of the same token, offset n) is not an induction head', () => {
    const dup = oneHot(8, (i) => (i >= 4 ? i - 4 : i));
    expect(inductionScore(dup, 8, 4)).toBe(0);
    expect(diagonalMean(dup, 8, 4, 4)).toBe(1);
  });

  it('uniform attention scores exactly the uniform baseline on all three', () => {
    const T = 10;
    const p = uniform(T);
    expect(previousTokenScore(p, T)).toBeCloseTo(uniformBaseline('previous', T), 12);
    expect(firstTokenScore(p, T)).toBeCloseTo(uniformBaseline('first', T), 12);
    expect(inductionScore(p, T, 5)).toBeCloseTo(uniformBaseline('induction', T, 5), 12);
    // by hand for T = 10, period 5: mean of 1/6 … 1/10
    expect(uniformBaseline('induction', T, 5)).toBeCloseTo((1 / 6 + 1 / 7 + 1 / 8 + 1 / 9 + 1 / 10) / 5, 12);
  });

  it('inductionScore refuses a length that is not two copies', () => {
    expect(() => inductionScore(uniform(7), 7, 3)).toThrow(/2·period/);
  });

  it('scoreHeads reads every head of every layer tap [1, nh, T, T], and rankHeads puts the best first', () => {
    const T = 4;
    const heads = [oneHot(T, (i) => i - 1), oneHot(T, () => 0), uniform(T)];
    const tap = { data: Float32Array.from(heads.flatMap((h) => [...h])), dims: [1, 3, T, T] };
    const scores = scoreHeads([tap, tap], 'previous');
    expect(scores).toHaveLength(6);
    expect(scores[0]).toEqual({ layer: 0, head: 0, score: 1 });
    const ranked = rankHeads(scores);
    expect(ranked.slice(0, 2).map((s) => [s.layer, s.head])).toEqual([[0, 0], [1, 0]]); // tie → lower layer first
    expect(ranked.at(-1)!.score).toBeCloseTo(1 / 3, 12); // the one-hot-on-0 head hits i-1 only at row 1
  });

  it('headRole labels a head by the larger of its two scores once it reaches 0.4', () => {
    expect(headRole(0.6, 0.1)).toBe('previous-token');
    expect(headRole(0.1, 0.45)).toBe('first-token');
    expect(headRole(0.5, 0.7)).toBe('first-token');
    expect(headRole(0.39, 0.39)).toBeNull();
  });
});

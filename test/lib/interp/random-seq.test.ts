import { describe, expect, it } from 'vitest';
import { copyLosses, repeatedRandomTokens } from '@/lib/interp/random-seq';

describe('the repeated random-token probe', () => {
  it('is one block of distinct ids in [lo, hi), then the same block again', () => {
    const s = repeatedRandomTokens(7, 30, 256, 4096);
    expect(s).toHaveLength(60);
    expect(s.slice(30)).toEqual(s.slice(0, 30));
    expect(new Set(s.slice(0, 30)).size).toBe(30);
    for (const id of s) expect(id >= 256 && id < 4096).toBe(true);
  });

  it('the same seed gives the same ids; another seed gives others', () => {
    expect(repeatedRandomTokens(3, 10, 256, 4096)).toEqual(repeatedRandomTokens(3, 10, 256, 4096));
    expect(repeatedRandomTokens(4, 10, 256, 4096)).not.toEqual(repeatedRandomTokens(3, 10, 256, 4096));
  });

  it('can draw every id of a small range exactly once', () => {
    expect([...repeatedRandomTokens(1, 4, 0, 4)].slice(0, 4).sort()).toEqual([0, 1, 2, 3]);
    expect(() => repeatedRandomTokens(1, 5, 0, 4)).toThrow(/distinct/);
  });

  it('copyLosses: uniform logits over V give ln V on both copies; a perfect copier gives ~0 on copy 2', () => {
    const V = 8;
    const ids = [1, 2, 3, 1, 2, 3];
    expect(copyLosses(new Float32Array(6 * V), ids, 3, V).first).toBeCloseTo(Math.log(8), 6);
    const logits = new Float32Array(6 * V);
    for (let t = 3; t < 5; t++) logits[t * V + ids[t + 1]] = 50; // rows 3, 4 predict ids 4, 5 surely
    const r = copyLosses(logits, ids, 3, V);
    expect(r.second).toBeCloseTo(0, 6);
    expect(r.first).toBeCloseTo(Math.log(8), 6);
  });
});

import { describe, expect, it } from 'vitest';
import { cosine, meanPool, searchDense } from '@/lib/retrieval/dense';
import { evaluate, recallAt, reciprocalRank } from '@/lib/retrieval/metrics';
import { embedTexts } from '@/lib/retrieval/embed';

describe('dense retriever', () => {
  it('mean-pools the rows of a [T, C] matrix', () => {
    expect([...meanPool([1, 2, 3, 6], 2, 2)]).toEqual([2, 4]);
    expect(() => meanPool([1, 2, 3], 2, 2)).toThrow(/not 2 × 2/);
  });

  it('computes cosines by hand: 1/√2, −1, 0 for a zero vector', () => {
    expect(cosine([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 15);
    expect(cosine([1, 2], [-2, -4])).toBeCloseTo(-1, 15);
    expect(cosine([0, 0], [1, 1])).toBe(0);
  });

  it('ranks by cosine, not by dot product: a long vector at a wider angle loses', () => {
    // query [1, 0]; doc0 [10, 10] (cos 0.707, dot 10), doc1 [1, 0.1] (cos 0.995, dot 1), doc2 [0, 1] (cos 0)
    const hits = searchDense([1, 0], [[10, 10], [1, 0.1], [0, 1]], 3);
    expect(hits.map((h) => h.doc)).toEqual([1, 0, 2]);
    expect(hits[0].score).toBeCloseTo(1 / Math.sqrt(1.01), 15);
    expect(searchDense([1, 0], [[1, 1], [2, 2]], 2).map((h) => h.doc)).toEqual([0, 1]); // tie: lower index first
  });

  it('embedTexts pools every layer of each text and stops when cancelled', async () => {
    const resid = async (ids: number[]) => [Float32Array.from(ids.flatMap((i) => [i, 1])), Float32Array.from(ids.flatMap(() => [0, 2]))];
    const v = await embedTexts(['ab', 'c'], (s) => [...s].map((ch) => ch.charCodeAt(0) - 96), resid, 2);
    expect(v.map((t) => t.map((l) => [...l]))).toEqual([[[1.5, 1], [0, 2]], [[3, 1], [0, 2]]]);
    const ac = new AbortController();
    ac.abort();
    await expect(embedTexts(['a'], () => [1], resid, 2, { signal: ac.signal })).rejects.toThrow(/cancelled/);
  });
});

describe('recall@k and MRR', () => {
  it('match a hand case', () => {
    const rel = new Set([2, 7]);
    expect(recallAt([4, 2, 9], rel, 2)).toBe(0.5);
    expect(recallAt([7, 2, 9], rel, 2)).toBe(1);
    expect(reciprocalRank([4, 2, 9], rel)).toBe(0.5);
    expect(reciprocalRank([4, 5, 9], rel)).toBe(0);
    // query A: relevant {2, 7}, ranked [4, 2, 9, 7] → recall@3 1/2, RR 1/2; query B: relevant {1}, ranked [1, 0] → 1, 1
    const e = evaluate([[4, 2, 9, 7], [1, 0]], [rel, new Set([1])], 3);
    expect(e.recall).toBe(0.75);
    expect(e.mrr).toBe(0.75);
    expect(e.perQuery).toEqual([{ recall: 0.5, rr: 0.5 }, { recall: 1, rr: 1 }]);
    expect(() => recallAt([1], new Set(), 1)).toThrow();
  });
});

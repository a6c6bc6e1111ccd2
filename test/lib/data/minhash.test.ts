/** MinHash against exact Jaccard on small sets; LSH banding against its formula and a direct band check. */
import { describe, expect, it } from 'vitest';
import { candidateProbability, estimateJaccard, jaccard, lshCandidates, lshThreshold, minhashSignature, shingleHashes } from '@/lib/data';

const set = (xs: number[]) => Uint32Array.from(new Set(xs)).sort();
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

describe('MinHash', () => {
  it('exact Jaccard of {1..10} and {6..15} is 5/15', () => {
    expect(jaccard(set(range(1, 11)), set(range(6, 16)))).toBeCloseTo(1 / 3, 12);
  });

  it.each([
    [range(0, 100), range(50, 150)],
    [range(0, 40), range(0, 40)],
    [range(0, 30), range(100, 130)],
    [range(0, 200), range(20, 200)],
  ])('a 1024-hash signature estimates the exact Jaccard within 0.05 (case %#)', (a, b) => {
    const A = set(a);
    const B = set(b);
    const est = estimateJaccard(minhashSignature(A, 1024, 7), minhashSignature(B, 1024, 7));
    expect(Math.abs(est - jaccard(A, B))).toBeLessThan(0.05);
  });

  it('identical sets get identical signatures, disjoint small sets almost never agree', () => {
    const A = set(range(0, 20));
    expect(estimateJaccard(minhashSignature(A, 64), minhashSignature(set(range(0, 20)), 64))).toBe(1);
    expect(estimateJaccard(minhashSignature(A, 256), minhashSignature(set(range(1000, 1020)), 256))).toBeLessThan(0.02);
  });

  it('word 5-gram shingles of a text and of the same text with one word changed', () => {
    const a = 'the quick brown fox jumps over the lazy dog today'.split(' ');
    const b = 'the quick brown fox jumps over the lazy cat today'.split(' ');
    // 6 shingles each, the last two differ: |A∩B| = 4, |A∪B| = 8
    expect(jaccard(shingleHashes(a, 5), shingleHashes(b, 5))).toBeCloseTo(0.5, 12);
  });
});

describe('LSH banding', () => {
  it('candidate probability 1 − (1 − s^r)^b by hand', () => {
    expect(candidateProbability(0.5, 2, 2)).toBeCloseTo(1 - 0.75 ** 2, 12); // 0.4375
    expect(candidateProbability(0.8, 5, 20)).toBeCloseTo(0.99964, 5); // MMDS §3.4.2's example
    expect(candidateProbability(0.3, 5, 20)).toBeCloseTo(0.047, 3);
    expect(candidateProbability(0, 3, 10)).toBe(0);
    expect(candidateProbability(1, 3, 10)).toBe(1);
    expect(lshThreshold(5, 20)).toBeCloseTo(0.5493, 4);
  });

  it('a pair is a candidate exactly when some band of r rows is identical', () => {
    const sigs = Array.from({ length: 30 }, (_, i) => minhashSignature(set(range(i * 3, i * 3 + 12)), 12, 1));
    const r = 2;
    const b = 6;
    const got = new Set(lshCandidates(sigs, r, b).map(([i, j]) => `${i},${j}`));
    for (let i = 0; i < sigs.length; i++) {
      for (let j = i + 1; j < sigs.length; j++) {
        let any = false;
        for (let band = 0; band < b; band++) {
          let same = true;
          for (let row = 0; row < r; row++) same &&= sigs[i][band * r + row] === sigs[j][band * r + row];
          any ||= same;
        }
        expect(got.has(`${i},${j}`)).toBe(any);
      }
    }
  });

  it('over many hash seeds, pairs of similarity s become candidates at the rate 1 − (1 − s^r)^b', () => {
    const A = set(range(0, 60));
    const B = set(range(20, 80)); // J = 40/80 = 0.5
    const s = jaccard(A, B);
    const r = 3;
    const b = 4;
    let hits = 0;
    const trials = 600;
    for (let seed = 0; seed < trials; seed++) {
      hits += lshCandidates([minhashSignature(A, r * b, seed * 7919), minhashSignature(B, r * b, seed * 7919)], r, b).length;
    }
    expect(hits / trials).toBeCloseTo(candidateProbability(s, r, b), 1); // 0.4138; ±0.05
  });
});

describe('duplicate groups', () => {
  it('connected components of the accepted pairs, largest first', async () => {
    const { clusterMembers, clusterCounts } = await import('@/lib/data');
    const pairs = [{ i: 5, j: 9 }, { i: 0, j: 1 }, { i: 1, j: 2 }];
    expect(clusterMembers(pairs)).toEqual([[0, 1, 2], [5, 9]]);
    expect(clusterCounts(pairs)).toEqual([2, 3]);
  });
});

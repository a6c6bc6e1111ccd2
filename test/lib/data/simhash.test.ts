/** SimHash bits against explicit random-hyperplane signs, and its bit disagreement against θ/π. */
import { describe, expect, it } from 'vitest';
import { cosine, featureBits, featureCounts, hamming64, popcount32, simhash64, simhashPairs } from '@/lib/data';

/** The ±1 hyperplane vector r_t over the features of x, built bit by bit from featureBits. */
function plane(features: number[], t: number, seed: number): Map<number, number> {
  return new Map(features.map((f) => {
    const [hi, lo] = featureBits(f, seed);
    const bit = t < 32 ? (hi >>> (31 - t)) & 1 : (lo >>> (63 - t)) & 1;
    return [f, bit ? 1 : -1];
  }));
}

function bitsOf([hi, lo]: readonly [number, number]): number[] {
  return Array.from({ length: 64 }, (_, t) => (t < 32 ? (hi >>> (31 - t)) & 1 : (lo >>> (63 - t)) & 1));
}

describe('SimHash', () => {
  it('popcount and 64-bit Hamming distance by hand', () => {
    expect(popcount32(0)).toBe(0);
    expect(popcount32(0xffffffff)).toBe(32);
    expect(popcount32(0b1011)).toBe(3);
    expect(hamming64([0, 1], [0, 3])).toBe(1);
    expect(hamming64([0xffffffff, 0], [0, 0xffffffff])).toBe(64);
  });

  it('bit t is the sign of the dot product of the weighted vector with r_t (ties give 0)', () => {
    const x = new Map([[11, 3], [22, 1], [33, 2], [44, 5], [55, 1]]);
    const fp = simhash64(x, 9);
    const bits = bitsOf(fp);
    for (let t = 0; t < 64; t++) {
      const r = plane([...x.keys()], t, 9);
      let dot = 0;
      for (const [f, w] of x) dot += w * r.get(f)!;
      expect(bits[t]).toBe(dot > 0 ? 1 : 0);
    }
  });

  it('the fraction of differing bits approaches θ/π over many seeds (Charikar 2002)', () => {
    const feats = Array.from({ length: 400 }, (_, i) => i * 2654435761);
    const x = featureCounts(feats.slice(0, 300));
    const y = featureCounts(feats.slice(100, 400)); // 200 shared of 300 each: cos = 2/3
    const theta = Math.acos(cosine(x, y));
    expect(cosine(x, y)).toBeCloseTo(2 / 3, 12);
    let diff = 0;
    const seeds = 64;
    for (let s = 0; s < seeds; s++) diff += hamming64(simhash64(x, s), simhash64(y, s));
    expect(diff / (64 * seeds)).toBeCloseTo(theta / Math.PI, 1); // 0.268; ±0.05
  });

  it('identical vectors have distance 0 and the pair scan finds exactly the close pairs', () => {
    const a = featureCounts([1, 2, 3, 4, 5, 6, 7, 8]);
    const fps = [simhash64(a), simhash64(featureCounts([1, 2, 3, 4, 5, 6, 7, 8])), simhash64(featureCounts([100, 200, 300]))];
    expect(hamming64(fps[0], fps[1])).toBe(0);
    const d02 = hamming64(fps[0], fps[2]);
    expect(simhashPairs(fps, 0)).toEqual([[0, 1, 0]]);
    expect(simhashPairs(fps, 64).length).toBe(3);
    expect(simhashPairs(fps, d02).some(([i, j]) => i === 0 && j === 2)).toBe(true);
  });
});

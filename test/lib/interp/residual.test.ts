import { describe, expect, it } from 'vitest';
import { meanOver, residualStats, streamNorms } from '@/lib/interp/residual';

describe('residualStats', () => {
  // C = 2, T = 2, one block. Position 0 is the worked example of lib/interp/residual.ts.
  const embed = [3, 4, 1, 0];
  const mid = [[3, 8, 1, 0]];
  const post = [[0, 8, 2, 0]];
  const [s] = residualStats(embed, mid, post, 2, 2);

  it('measures the stream and each update by hand: |x| = 5, attention added [0, 4], the MLP added [-3, 0]', () => {
    expect(s.inNorm[0]).toBe(5);
    expect(s.attnNorm[0]).toBe(4);
    expect(s.attnCos[0]).toBeCloseTo(16 / 20, 12); // [0,4]·[3,4] = 16, 4·5 = 20
    expect(s.mlpNorm[0]).toBe(3);
    expect(s.mlpCos[0]).toBeCloseTo(-9 / (3 * Math.sqrt(73)), 12);
    expect(s.outNorm[0]).toBe(8);
  });

  it('a zero update has norm 0 and cosine 0, and an update along the stream has cosine 1', () => {
    expect(s.attnNorm[1]).toBe(0);
    expect(s.attnCos[1]).toBe(0);
    expect(s.mlpNorm[1]).toBe(1);
    expect(s.mlpCos[1]).toBe(1);
  });

  it('chains blocks: block 1 reads block 0\'s output, and streamNorms lists the embedding then every block output', () => {
    const two = residualStats(embed, [mid[0], [0, 8, 2, 2]], [post[0], [0, 0, 2, 2]], 2, 2);
    expect(two[1].inNorm[0]).toBe(8);
    expect(two[1].attnNorm[0]).toBe(0);
    expect(two[1].mlpNorm[0]).toBe(8);
    expect(two[1].mlpCos[0]).toBe(-1);
    expect(streamNorms(two, 0)).toEqual([5, 8, 0]);
    expect(streamNorms(two, 1)).toEqual([1, 2, Math.sqrt(8)]);
  });

  it('rejects taps of the wrong size and averages over positions', () => {
    expect(() => residualStats([1, 2, 3], mid, post, 2, 2)).toThrow(/needs 4/);
    expect(meanOver([1, 2, 6])).toBe(3);
    expect(meanOver([1, 2, 6], 1)).toBe(4);
  });
});

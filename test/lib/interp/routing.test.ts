// Router read-outs against hand-counted cases.
import { describe, expect, it } from 'vitest';
import { droppedShare, expertLift, expertLoad, maxAbsDiff, meanNextTokenLoss } from '@/lib/interp/routing';

// 4 tokens, 2 experts, top-1: tokens 7, 7, 7, 9; token 7 → expert 0 twice, expert 1 once; token 9 → expert 1.
const ids = [7, 7, 7, 9];
const chosen = [1, 0, 1, 0, 0, 1, 0, 1];

describe('MoE router read-outs', () => {
  it('counts slots per expert', () => {
    expect(expertLoad(chosen, 2)).toEqual([2, 2]);
  });

  it('dropped share is dropped slots over routed slots, 0 without a capacity', () => {
    expect(droppedShare([0, 0, 1, 0, 0, 0, 0, 0], chosen)).toBe(0.25);
    expect(droppedShare(undefined, chosen)).toBe(0);
  });

  it('lift is P(chosen | token) / P(chosen)', () => {
    const [e0, e1] = expertLift(ids, chosen, 2, 5, 1);
    // expert 0: base 2/4; token 7: 2/3 → lift 4/3; token 9: 0 → 0
    expect(e0[0]).toEqual({ id: 7, n: 3, pGiven: 2 / 3, lift: 4 / 3 });
    expect(e0[1].lift).toBe(0);
    // expert 1: token 9: 1/1 over 1/2 → 2; token 7: 1/3 over 1/2 → 2/3
    expect(e1.map((r) => [r.id, r.lift])).toEqual([[9, 2], [7, 2 / 3]]);
    // minCount 2 leaves token 9 out
    expect(expertLift(ids, chosen, 2, 5, 2)[1].map((r) => r.id)).toEqual([7]);
  });

  it('mean next-token loss: uniform logits over V give ln V; a sure right guess gives ~0', () => {
    expect(meanNextTokenLoss(new Float32Array(3 * 4), [0, 1, 2], 4)).toBeCloseTo(Math.log(4), 6);
    const sure = [0, 50, 0, 0, 0, 0, 50, 0, 0, 0, 0, 0]; // row 0 predicts 1, row 1 predicts 2
    expect(meanNextTokenLoss(sure, [0, 1, 2], 4)).toBeCloseTo(3 * Math.exp(-50), 12);
    // log-sum-exp by hand: logits (1, 2), target 0 → ln(e + e²) − 1
    expect(meanNextTokenLoss([1, 2, 0, 0], [5, 0], 2)).toBeCloseTo(Math.log(Math.E + Math.E ** 2) - 1, 10);
  });

  it('max absolute difference', () => {
    expect(maxAbsDiff([1, 2, 3], [1, 2.5, 2])).toBe(1);
    expect(() => maxAbsDiff([1], [1, 2])).toThrow();
  });
});

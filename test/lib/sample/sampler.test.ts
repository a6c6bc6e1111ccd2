import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@/lib/tensor';
import { applyRepetitionPenalty, distribution, drawCategorical, minP, sampleToken, softmax, topK, topP } from '@/lib/sample';

const near = (got: ArrayLike<number>, want: number[], tol = 1e-9) => {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => expect(Math.abs(got[i] - w)).toBeLessThan(tol));
};
const P4 = Float64Array.from([0.5, 0.3, 0.15, 0.05]);
const L421 = [Math.log(4), Math.log(2), 0]; // softmax → [4, 2, 1] / 7

/** Empirical frequencies of n seeded draws. */
function frequencies(draw: () => number, v: number, n = 20_000): number[] {
  const counts = new Array(v).fill(0);
  for (let i = 0; i < n; i++) counts[draw()]++;
  return counts.map((c) => c / n);
}

describe('sampling filters', () => {
  it('top-p 0.8 on [0.5, 0.3, 0.15, 0.05] keeps exactly the first two, renormalized to 0.625 / 0.375', () => {
    near(topP(P4, 0.8), [0.625, 0.375, 0, 0]);
  });

  it('top-p 0.81 needs the third token: [0.5, 0.3, 0.15] / 0.95', () => {
    near(topP(P4, 0.81), [0.5 / 0.95, 0.3 / 0.95, 0.15 / 0.95, 0]);
  });

  it('top-k 2 on [4, 2, 1]/7 gives [2/3, 1/3, 0]', () => {
    near(topK(softmax(L421), 2), [2 / 3, 1 / 3, 0]);
  });

  it('min-p 0.3 on [0.5, 0.3, 0.15, 0.05] drops only tokens below 0.15', () => {
    near(minP(P4, 0.3), [0.5 / 0.95, 0.3 / 0.95, 0.15 / 0.95, 0]);
  });

  it('temperature reshapes [4, 2, 1]/7: T = 0.5 squares the odds, T = 2 takes their square roots', () => {
    near(softmax(L421, 0.5), [16 / 21, 4 / 21, 1 / 21]);
    const s = 3 + Math.SQRT2;
    near(softmax(L421, 2), [2 / s, Math.SQRT2 / s, 1 / s]);
  });

  it('repetition penalty divides positive and multiplies negative logits of seen tokens (the Hugging Face form of the CTRL rule)', () => {
    near(applyRepetitionPenalty([2, -1, 0.5], [0, 1, 1], 2), [1, -2, 0.5]);
  });

  it('composes penalty → temperature → top-k → top-p in that order', () => {
    // logits [ln4, ln2, 0, ln8], history {3}, θ = 2: ln8 > 0 → ln8/2 = ln(2√2)
    // T = 1: weights [4, 2, 1, 2√2]; top-k 3 drops the 1; top-p 0.5 keeps 4 alone (4/(6+2√2) ≥ 0.45).
    const logits = [...L421, Math.log(8)];
    const p = distribution(logits, { repetitionPenalty: 2, topK: 3 }, [3]);
    const s = 6 + 2 * Math.SQRT2;
    near(p, [4 / s, 2 / s, 0, (2 * Math.SQRT2) / s]);
    near(distribution(logits, { repetitionPenalty: 2, topK: 3, topP: 0.45 }, [3]), [1, 0, 0, 0]);
  });
});

describe('drawing tokens with a seeded RNG', () => {
  it('draws top-p(0.8) samples at 0.625 / 0.375 within 1% over 20k seeded draws', () => {
    const rng = mulberry32(1234);
    const logits = Array.from(P4, Math.log);
    const f = frequencies(() => sampleToken(logits, { topP: 0.8 }, rng), 4);
    expect(f[2] + f[3]).toBe(0);
    expect(Math.abs(f[0] - 0.625)).toBeLessThan(0.01);
    expect(Math.abs(f[1] - 0.375)).toBeLessThan(0.01);
  });

  it('draws temperature-2 samples at [2, √2, 1]/(3+√2) within 1% over 20k seeded draws', () => {
    const rng = mulberry32(99);
    const f = frequencies(() => sampleToken(L421, { temperature: 2 }, rng), 3);
    const s = 3 + Math.SQRT2;
    [2 / s, Math.SQRT2 / s, 1 / s].forEach((w, i) => expect(Math.abs(f[i] - w)).toBeLessThan(0.01));
  });

  it('never draws a zero-probability token, even when u is at the top of [0, 1)', () => {
    const top = { uniform: () => 1 - 2 ** -53 };
    expect(drawCategorical([0.5, 0.5, 0], top)).toBe(1);
    expect(drawCategorical([0, 1, 0], { uniform: () => 0 })).toBe(1);
  });

  it('is greedy at temperature 0 whatever the RNG says', () => {
    const rng = { uniform: () => 0.999 };
    expect(sampleToken([0.1, 3, 2.9], { temperature: 0 }, rng)).toBe(1);
    // the penalty applies before the argmax: 3/2 = 1.5 < 2.9
    expect(sampleToken([0.1, 3, 2.9], { temperature: 0, repetitionPenalty: 2 }, rng, [1])).toBe(2);
  });

  it('reproduces the same sequence of draws from the same seed', () => {
    const run = (seed: number) => {
      const rng = mulberry32(seed);
      return Array.from({ length: 20 }, () => sampleToken(L421, {}, rng));
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });
});

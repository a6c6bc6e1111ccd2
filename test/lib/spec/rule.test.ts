import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@/lib/tensor';
import { acceptanceRate, expectedSpeedup, expectedTokensPerCall, residual, verifyDraft } from '@/lib/spec';

// Hand-made distributions over a 5-symbol vocabulary (sum to 1).
const P = [0.4, 0.25, 0.2, 0.1, 0.05];
const Q = [0.1, 0.3, 0.3, 0.05, 0.25];
const draw = (q: number[], u: number): number => {
  let acc = 0;
  for (let i = 0; i < q.length; i++) if (u < (acc += q[i])) return i;
  return q.length - 1;
};

/** Pearson's χ² of counts against probabilities. */
function chiSquare(counts: number[], probs: number[], n: number): number {
  return counts.reduce((s, c, i) => s + (c - n * probs[i]) ** 2 / (n * probs[i]), 0);
}

describe('speculative sampling rule', () => {
  it('α = Σ min(p, q), by hand: 0.1 + 0.25 + 0.2 + 0.05 + 0.05 = 0.65', () => {
    expect(acceptanceRate(P, Q)).toBeCloseTo(0.65, 12);
    expect(acceptanceRate(P, P)).toBeCloseTo(1, 12);
  });

  it('the residual is norm(max(0, p − q)): [0.3, 0, 0, 0.05, 0] / 0.35', () => {
    expect(Array.from(residual(P, Q))).toEqual([0.3 / 0.35, 0, 0, 0.05 / 0.35, 0].map((v) => expect.closeTo(v, 12)));
  });

  it('(1 − α^{k+1}) / (1 − α) is 1 + α + … + α^k, and k + 1 at α = 1', () => {
    for (const a of [0, 0.3, 0.65, 0.9]) for (let k = 1; k <= 8; k++) {
      let s = 0;
      for (let i = 0; i <= k; i++) s += a ** i;
      expect(expectedTokensPerCall(a, k)).toBeCloseTo(s, 12);
    }
    expect(expectedTokensPerCall(1, 5)).toBe(6);
    expect(expectedSpeedup(0.8, 4, 0)).toBeCloseTo(expectedTokensPerCall(0.8, 4), 12);
    expect(expectedSpeedup(0.8, 4, 0.25)).toBeCloseTo((1 - 0.8 ** 5) / (0.2 * 2), 12);
  });

  it('greedy (one-hot p and q): a draft token is kept iff it is the target argmax, and the replacement is that argmax', () => {
    const oneHot = (i: number) => Array.from({ length: 5 }, (_, j) => (j === i ? 1 : 0));
    const rng = mulberry32(7);
    const r = verifyDraft([oneHot(2), oneHot(4), oneHot(1)], [oneHot(2), oneHot(3)], [2, 3], rng);
    expect(r.fates).toEqual(['accepted', 'rejected']);
    expect(r.emitted).toEqual([2, 4]);
    expect(r.final).toEqual({ id: 4, kind: 'resampled' });
    const all = verifyDraft([oneHot(2), oneHot(3), oneHot(1)], [oneHot(2), oneHot(3)], [2, 3], rng);
    expect(all.emitted).toEqual([2, 3, 1]);
    expect(all.final.kind).toBe('bonus');
  });

  it('the emitted first token is distributed as p, not q (χ², N = 200,000, fixed seed)', () => {
    // x ~ q, then one verify round with k = 1. Under H0 (first token ~ p) Pearson's χ² with
    // 5 − 1 = 4 degrees of freedom exceeds 18.47 with probability 0.001; the seed is fixed, so the
    // test is deterministic. The same statistic for q's own draws shows the test has power.
    const N = 200_000;
    const rng = mulberry32(2023);
    const counts = [0, 0, 0, 0, 0];
    const drafted = [0, 0, 0, 0, 0];
    for (let n = 0; n < N; n++) {
      const x = draw(Q, rng.uniform());
      drafted[x]++;
      counts[verifyDraft([P, P], [Q], [x], rng).emitted[0]]++;
    }
    expect(chiSquare(counts, P, N)).toBeLessThan(18.47);
    expect(chiSquare(drafted, P, N)).toBeGreaterThan(1000);
    // total variation distance too: its typical size here is ~0.002
    const tv = 0.5 * counts.reduce((s, c, i) => s + Math.abs(c / N - P[i]), 0);
    expect(tv).toBeLessThan(0.01);
  });

  it('measured acceptance and tokens per call match α and (1 − α^{k+1}) / (1 − α) for k = 1…8', () => {
    // p and q the same at every position, so each position is accepted independently with prob α = 0.65.
    // Emitted tokens per round lie in [1, k + 1] (sd < 2.5): with N = 40,000 rounds the mean's sd is
    // < 0.0125, and 0.05 is 4 of those.
    const rng = mulberry32(99);
    const alpha = acceptanceRate(P, Q);
    for (let k = 1; k <= 8; k++) {
      const N = 40_000;
      let emitted = 0;
      let firstAccepted = 0;
      for (let n = 0; n < N; n++) {
        const draft = Array.from({ length: k }, () => draw(Q, rng.uniform()));
        const r = verifyDraft(Array(k + 1).fill(P), Array(k).fill(Q), draft, rng);
        emitted += r.emitted.length;
        if (r.fates[0] === 'accepted') firstAccepted++;
      }
      expect(Math.abs(emitted / N - expectedTokensPerCall(alpha, k))).toBeLessThan(0.05);
      expect(Math.abs(firstAccepted / N - alpha)).toBeLessThan(0.01); // sd of a proportion: ≤ 0.0025
    }
  });

  it('rejects rows of the wrong count', () => {
    expect(() => verifyDraft([P], [Q], [0], mulberry32(1))).toThrow(/k \+ 1 target rows/);
  });
});

/**
 * Scaling-law formulas: 6ND, Chinchilla's fitted loss (Hoffmann et al. 2022: E 1.69, A 406.4,
 * B 410.7, α 0.34, β 0.28), its compute-optimal allocation (eq. 4) checked against a brute-force
 * search along the 6ND = C curve, the 20-tokens rule and Kaplan's exponents.
 */
import { describe, expect, it } from 'vitest';
import { CHINCHILLA, chinchillaLoss, chinchillaOptimal, growth, TABLE1_MODELS, trainingFlops, twentyTokens } from '@/lib/scale/scaling';

describe('scaling laws', () => {
  it('training compute is 6ND: GPT-3 175B on 300B tokens is 3.15e23 FLOPs', () => {
    expect(trainingFlops(175e9, 300e9)).toBe(3.15e23);
  });
  it('the Chinchilla loss at N = D = 1 is E + A + B, and tends to E', () => {
    expect(chinchillaLoss(1, 1)).toBeCloseTo(1.69 + 406.4 + 410.7, 10);
    expect(chinchillaLoss(1e30, 1e30)).toBeCloseTo(1.69, 5);
    expect(CHINCHILLA).toEqual({ E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 });
  });
  it('the closed-form optimum spends exactly C and beats every other split on the 6ND = C curve', () => {
    for (const C of [1e18, 1e21, 5.76e23]) {
      const o = chinchillaOptimal(C);
      expect(trainingFlops(o.params, o.tokens) / C).toBeCloseTo(1, 10);
      const best = chinchillaLoss(o.params, o.tokens);
      for (let k = -40; k <= 40; k++) {
        const N = o.params * 10 ** (k / 20);
        expect(chinchillaLoss(N, C / (6 * N))).toBeGreaterThanOrEqual(best - 1e-12);
      }
    }
  });
  it('with the printed constants the fitted optimum sits near 93 tokens per parameter at Gopher compute', () => {
    const o = chinchillaOptimal(5.76e23);
    expect(o.params / 1e9).toBeCloseTo(32.2, 0);
    expect(o.tokensPerParam).toBeGreaterThan(85);
    expect(o.tokensPerParam).toBeLessThan(100);
  });
  it('the 20-tokens rule recovers (1B, 20B) from 1.2e20 FLOPs and Chinchilla (70B, 1.4T) from its own budget', () => {
    const a = twentyTokens(1.2e20);
    expect(a.params).toBeCloseTo(1e9, 0);
    expect(a.tokens).toBeCloseTo(2e10, -1);
    const c = twentyTokens(trainingFlops(70e9, 1.4e12));
    expect(c.params / 1e9).toBeCloseTo(70, 6);
    expect(TABLE1_MODELS.find((m) => m.name === 'Chinchilla')!.tokens / 70e9).toBe(20);
  });
  it("a 10× budget: Kaplan grows the model 10^0.73 ≈ 5.37× and the data 10^0.27 ≈ 1.86×; Chinchilla √10 each", () => {
    const g = growth(10);
    expect(g.kaplan.params).toBeCloseTo(5.37, 2);
    expect(g.kaplan.tokens).toBeCloseTo(1.862, 3);
    expect(g.chinchilla.params).toBeCloseTo(Math.sqrt(10), 12);
    expect(g.kaplan.params * g.kaplan.tokens).toBeCloseTo(10, 10);
  });
});

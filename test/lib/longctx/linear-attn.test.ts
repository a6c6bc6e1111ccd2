import { describe, expect, it } from 'vitest';
import { attnCost, crossover, elu1, quadraticLinear, recurrentLinear } from '@/lib/longctx/linear-attn';
import { maxAbsDiff } from '@/lib/longctx/flash';
import { mulberry32 } from '@/lib/tensor';

describe('linear attention (Katharopoulos et al. 2020)', () => {
  it('φ(x) = elu(x) + 1 is x + 1 above 0 and eˣ below, always positive', () => {
    expect(elu1(2)).toBe(3);
    expect(elu1(0)).toBe(1);
    expect(elu1(-1)).toBeCloseTo(Math.exp(-1), 15);
    expect(elu1(-50)).toBeGreaterThan(0);
  });

  it('the recurrent form (running sums S and z) equals the quadratic form with the same kernel', () => {
    const r = mulberry32(11);
    const n = 40, d = 6, dv = 5;
    const f = (len: number) => Float64Array.from({ length: len }, () => r.normal());
    const a = { q: f(n * d), k: f(n * d), v: f(n * dv), n, d, dv };
    expect(maxAbsDiff(recurrentLinear(a), quadraticLinear(a))).toBeLessThan(1e-12);
  });

  it('works the doc example by hand: equal features average the values seen so far', () => {
    const a = { q: [0, 0], k: [0, 0], v: [1, 3], n: 2, d: 1, dv: 1 };
    expect(Array.from(recurrentLinear(a))).toEqual([1, 2]);
  });

  it('counts 2N²d multiply-adds for softmax attention and 2N(d² + d) for the linear form', () => {
    // N = 4, d = 2: softmax 16·4 = 64; linear 4·(8 + 4) = 48
    expect(attnCost(4, 2)).toEqual({ softmax: 64, linear: 48, softmaxState: 16, linearState: 6 });
    // 2N²d < 2N(d² + d) ⇔ N < d + 1: the linear form wins from N = d + 2
    expect(crossover(32)).toBe(34);
    expect(crossover(2)).toBe(4);
  });
});

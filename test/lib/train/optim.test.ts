import { describe, expect, it } from 'vitest';
import type { Tensor } from '@/lib/tensor';
import { AdamW, SGD, clipGradNorm, crossEntropy, warmupCosine } from '@/lib/train';

const w1 = (v: number): Map<string, Tensor> => new Map([['w', { data: Float32Array.of(v), shape: [1] }]]);
const g1 = (v: number): Map<string, Float32Array> => new Map([['w', Float32Array.of(v)]]);

describe('crossEntropy', () => {
  it('is −log 0.75 for logits [0, ln 3] and target 1, with gradient softmax − onehot', () => {
    const r = crossEntropy({ data: Float32Array.of(0, Math.log(3)), shape: [1, 1, 2] }, [1]);
    expect(r.loss).toBeCloseTo(-Math.log(0.75), 6);
    expect(r.dlogits[0]).toBeCloseTo(0.25, 6);
    expect(r.dlogits[1]).toBeCloseTo(-0.25, 6);
  });
  it('averages over counted rows and gives ignored rows no loss and no gradient', () => {
    const z = { data: Float32Array.of(0, 0, 5, -5), shape: [2, 2] };
    const r = crossEntropy(z, [0, -1]);
    expect(r.count).toBe(1);
    expect(r.loss).toBeCloseTo(Math.log(2), 6);
    expect([...r.dlogits.slice(2)]).toEqual([0, 0]);
  });
  it('stays finite for logits of 1e4 (log-sum-exp subtracts the max)', () => {
    const r = crossEntropy({ data: Float32Array.of(1e4, 0), shape: [1, 2] }, [1]);
    expect(r.loss).toBeCloseTo(1e4, 0);
  });
});

describe('AdamW', () => {
  it('moves a weight by ≈ lr on its first step whatever the gradient scale (m̂/√v̂ = ±1)', () => {
    for (const g of [1e-3, 0.5, 40]) {
      const w = w1(1);
      new AdamW({ weightDecay: 0 }).step(w, g1(g), 0.1);
      expect(w.get('w')!.data[0]).toBeCloseTo(0.9, 5);
    }
  });
  it('decays a weight with zero gradient by exactly (1 − lr·λ) per step (decoupled decay)', () => {
    const w = w1(2);
    const opt = new AdamW({ weightDecay: 0.5 });
    opt.step(w, g1(0), 0.1);
    opt.step(w, g1(0), 0.1);
    expect(w.get('w')!.data[0]).toBeCloseTo(2 * 0.95 * 0.95, 6);
  });
  it('takes the second step from bias-corrected moments (hand-computed)', () => {
    // β1 0.9, β2 0.999, ε 0: g = 1 then g = −1; m, v and the bias corrections written out.
    const w = w1(0);
    const opt = new AdamW({ weightDecay: 0, eps: 0 });
    opt.step(w, g1(1), 0.01); // θ = −0.01
    opt.step(w, g1(-1), 0.01);
    const m = 0.9 * 0.1 + 0.1 * -1; // −0.01
    const v = 0.999 * 0.001 + 0.001; // 0.001999
    const step = (m / (1 - 0.81)) / Math.sqrt(v / (1 - 0.998001));
    expect(w.get('w')!.data[0]).toBeCloseTo(-0.01 - 0.01 * step, 7);
  });
});

describe('SGD with momentum', () => {
  it('accumulates b ← μb + g: a constant gradient 1 moves 0.1, 0.19, 0.271 (lr 0.1, μ 0.9)', () => {
    const w = w1(0);
    const opt = new SGD({ momentum: 0.9 });
    const at: number[] = [];
    for (let i = 0; i < 3; i++) {
      opt.step(w, g1(1), 0.1);
      at.push(w.get('w')!.data[0]);
    }
    [-0.1, -0.29, -0.561].forEach((v, i) => expect(at[i]).toBeCloseTo(v, 6));
  });
  it('decays decoupled like AdamW: θ = 2, g = 1, lr 0.1, λ 0.5 → (1 − 0.05)·2 − 0.1 = 1.8, then 0.95·1.8 − 0.1·1.9 = 1.52', () => {
    const w = w1(2);
    const opt = new SGD({ momentum: 0.9, weightDecay: 0.5 });
    opt.step(w, g1(1), 0.1);
    expect(w.get('w')!.data[0]).toBeCloseTo(1.8, 6);
    opt.step(w, g1(1), 0.1);
    expect(w.get('w')!.data[0]).toBeCloseTo(1.52, 6);
  });
});

describe('clipGradNorm', () => {
  it('scales gradients of global norm 5 down to norm 1 and returns 5', () => {
    const g = new Map([['a', Float32Array.of(3)], ['b', Float32Array.of(4)]]);
    expect(clipGradNorm(g, 1)).toBeCloseTo(5, 6);
    expect(g.get('a')![0]).toBeCloseTo(0.6, 5);
    expect(g.get('b')![0]).toBeCloseTo(0.8, 5);
  });
  it('leaves gradients under the limit untouched', () => {
    const g = new Map([['a', Float32Array.of(0.3, 0.4)]]);
    clipGradNorm(g, 1);
    expect([...g.get('a')!]).toEqual([Math.fround(0.3), Math.fround(0.4)]);
  });
});

describe('warmupCosine', () => {
  it('rises linearly for W steps then follows half a cosine to lrMin (W 2, S 6)', () => {
    const s = { lrMax: 1, lrMin: 0, warmup: 2, total: 6 };
    const want = [0.5, 1, 1, 0.5 * (1 + Math.cos(Math.PI / 4)), 0.5, 0.5 * (1 + Math.cos((3 * Math.PI) / 4)), 0, 0];
    want.forEach((v, i) => expect(warmupCosine(s, i)).toBeCloseTo(v, 9));
  });
  it('ends at lrMin, not 0, when a floor is set', () => {
    expect(warmupCosine({ lrMax: 3e-3, lrMin: 3e-4, warmup: 10, total: 100 }, 100)).toBe(3e-4);
  });
});

import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@/lib/tensor';
import { lowRank, relativeLowRankErrors, svd } from '@/lib/peft';
import { read, readJson } from '../models/shipped';
import type { TransformerConfig } from '@/lib/model/config';
import { loadWeights } from '@/lib/model/weights';

const frob = (a: ArrayLike<number>, b?: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - (b ? b[i] : 0)) ** 2;
  return Math.sqrt(s);
};
const rand = (m: number, n: number, seed: number): Float64Array => {
  const r = mulberry32(seed);
  return Float64Array.from({ length: m * n }, () => r.normal());
};

describe('svd (one-sided Jacobi)', () => {
  it('gives σ = (3√5, √5) for [[3, 0], [4, 5]] (eigenvalues 45 and 5 of WᵀW)', () => {
    const d = svd([3, 0, 4, 5], 2, 2);
    expect(d.s[0]).toBeCloseTo(3 * Math.sqrt(5), 12);
    expect(d.s[1]).toBeCloseTo(Math.sqrt(5), 12);
  });
  it('reconstructs tall, wide and square matrices, with orthonormal U and V', () => {
    for (const [m, n] of [[7, 4], [4, 9], [6, 6]]) {
      const w = rand(m, n, m * 10 + n);
      const d = svd(w, m, n);
      expect(frob(lowRank(d, Math.min(m, n)), w) / frob(w)).toBeLessThan(1e-12);
      const k = Math.min(m, n);
      for (let p = 0; p < k; p++)
        for (let q = 0; q < k; q++) {
          let uu = 0, vv = 0;
          for (let i = 0; i < m; i++) uu += d.u[i * k + p] * d.u[i * k + q];
          for (let i = 0; i < n; i++) vv += d.v[i * k + p] * d.v[i * k + q];
          expect(uu).toBeCloseTo(p === q ? 1 : 0, 10);
          expect(vv).toBeCloseTo(p === q ? 1 : 0, 10);
        }
      for (let i = 1; i < k; i++) expect(d.s[i]).toBeLessThanOrEqual(d.s[i - 1]);
    }
  });
  it('finds the exact rank of a rank-2 product (σ₃.. ≈ 0) and Σσ² = ‖W‖²_F', () => {
    const a = rand(8, 2, 1), b = rand(2, 5, 2);
    const w = new Float64Array(40);
    for (let i = 0; i < 8; i++) for (let j = 0; j < 5; j++) w[i * 5 + j] = a[i * 2] * b[j] + a[i * 2 + 1] * b[5 + j];
    const d = svd(w, 8, 5);
    expect(d.s[2] / d.s[0]).toBeLessThan(1e-12);
    expect(d.s.reduce((s, v) => s + v * v, 0)).toBeCloseTo(frob(w) ** 2, 9);
  });
  it('low-rank error from the reconstruction equals Eckart–Young √(Σ_{i≥r} σᵢ²) / ‖W‖_F', () => {
    const w = rand(10, 6, 3);
    const d = svd(w, 10, 6);
    const rel = relativeLowRankErrors(d.s);
    expect(rel[0]).toBeCloseTo(1, 12);
    expect(rel[6]).toBe(0);
    for (let r = 1; r < 6; r++) expect(frob(lowRank(d, r), w) / frob(w)).toBeCloseTo(rel[r], 10);
  });
  it("agrees with Σσ² = ‖W‖²_F on lm's blocks.0.mlp.w1 [384, 128]", async () => {
    const cfg = readJson<TransformerConfig>('models/lm/config.json');
    const w = (await loadWeights(new Uint8Array(read('models/lm/model.safetensors')), { config: cfg })).get('blocks.0.mlp.w1.weight')!;
    const d = svd(w.data, 384, 128);
    expect(d.s.reduce((s, v) => s + v * v, 0) / frob(w.data) ** 2).toBeCloseTo(1, 9);
    expect(relativeLowRankErrors(d.s)[8]).toBeGreaterThan(0.1); // a trained matrix is far from rank 8
  });
});

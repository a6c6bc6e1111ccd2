import { describe, expect, it } from 'vitest';
import { mulberry32, randn } from '@/lib/tensor';

describe('mulberry32', () => {
  it('the same seed gives the same stream and a different seed a different one', () => {
    const a = mulberry32(7), b = mulberry32(7), c = mulberry32(8);
    const xs = [a.uniform(), a.uniform(), a.uniform()];
    expect([b.uniform(), b.uniform(), b.uniform()]).toEqual(xs);
    expect(c.uniform()).not.toBe(xs[0]);
  });
  it('uniform draws stay in [0, 1) with mean near 1/2', () => {
    const r = mulberry32(1);
    let s = 0;
    for (let i = 0; i < 20000; i++) {
      const u = r.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
    }
    expect(s / 20000).toBeCloseTo(0.5, 2);
  });
  it('Box–Muller normals have mean ≈ 0 and variance ≈ std²', () => {
    const x = randn(mulberry32(3), 40000, 2);
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const v = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(v).toBeGreaterThan(3.8);
    expect(v).toBeLessThan(4.2);
  });
});

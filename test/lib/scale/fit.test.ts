/**
 * The least-squares fits recover known parameters from synthetic data (exact and with seeded noise),
 * and the worked examples of the doc comment hold.
 */
import { describe, expect, it } from 'vitest';
import { fitPowerLaw, fitPowerLawFloor, linearFit } from '@/lib/scale/fit';
import { mulberry32, randn } from '@/lib/tensor';

describe('fits', () => {
  it('linearFit: x = [1, 2, 4], y = [3, 5, 9] → slope 2, intercept 1, R² 1', () => {
    const f = linearFit([1, 2, 4], [3, 5, 9]);
    expect(f.slope).toBeCloseTo(2, 12);
    expect(f.intercept).toBeCloseTo(1, 12);
    expect(f.r2).toBeCloseTo(1, 12);
  });
  it('fitPowerLaw: [8, 0.8, 0.08] at x = [1, 10, 100] → a = 8, α = 1', () => {
    const f = fitPowerLaw([1, 10, 100], [8, 0.8, 0.08]);
    expect(f.a).toBeCloseTo(8, 10);
    expect(f.alpha).toBeCloseTo(1, 10);
  });
  it('fitPowerLawFloor recovers E = 1.69, A = 406.4, α = 0.34 from exact points over four decades', () => {
    const x = [1e5, 3e5, 1e6, 3e6, 1e7, 3e7, 1e8, 3e8, 1e9];
    const y = x.map((n) => 1.69 + 406.4 * n ** -0.34);
    const f = fitPowerLawFloor(x, y);
    expect(f.alpha).toBeCloseTo(0.34, 5);
    expect(f.E).toBeCloseTo(1.69, 4);
    expect(f.A / 406.4).toBeCloseTo(1, 3);
    expect(f.rmse).toBeLessThan(1e-6);
  });
  it('fitPowerLawFloor stays close with 1% seeded noise', () => {
    const rng = mulberry32(7);
    const x = Array.from({ length: 30 }, (_, i) => 1e5 * 10 ** (i / 7));
    const noise = randn(rng, x.length, 0.01);
    const y = x.map((n, i) => (2 + 50 * n ** -0.25) * (1 + noise[i]));
    const f = fitPowerLawFloor(x, y);
    expect(f.alpha).toBeGreaterThan(0.15);
    expect(f.alpha).toBeLessThan(0.35);
    expect(f.E).toBeGreaterThan(1.5);
    expect(f.E).toBeLessThan(2.4);
  });
  it('a pure power law gets E = 0 (the floor is never negative)', () => {
    const x = [1, 2, 4, 8, 16];
    const f = fitPowerLawFloor(x, x.map((v) => 3 * v ** -0.5));
    expect(f.E).toBeCloseTo(0, 8);
    expect(f.alpha).toBeCloseTo(0.5, 5);
    expect(f.A).toBeCloseTo(3, 5);
  });
});

import { describe, expect, it } from 'vitest';
import { activationCurves, gelu, normCompare, parseVector, relu, silu } from '@/lib/interp/norm-act';

describe('normalizations and activations by hand', () => {
  it('x = (3, 4), ε = 0: LayerNorm gives (−1, 1) and RMSNorm (3, 4)/√12.5', () => {
    const r = normCompare([3, 4], 0);
    expect(r.mean).toBe(3.5);
    expect(r.std).toBe(0.5);
    expect(r.rms).toBeCloseTo(Math.sqrt(12.5), 12);
    expect(r.layer[0]).toBeCloseTo(-1, 6);
    expect(r.layer[1]).toBeCloseTo(1, 6);
    expect(r.rmsNormed[0]).toBeCloseTo(0.848528, 5);
    expect(r.rmsNormed[1]).toBeCloseTo(1.131371, 5);
  });

  it('both are scale invariant, and only LayerNorm is shift invariant', () => {
    const a = normCompare([1, -2, 0.5], 0), b = normCompare([10, -20, 5], 0), c = normCompare([6, 3, 5.5], 0);
    for (let i = 0; i < 3; i++) {
      expect(b.layer[i]).toBeCloseTo(a.layer[i], 5);
      expect(b.rmsNormed[i]).toBeCloseTo(a.rmsNormed[i], 5);
      expect(c.layer[i]).toBeCloseTo(a.layer[i], 5);
    }
    expect(Math.abs(c.rmsNormed[0] - a.rmsNormed[0])).toBeGreaterThan(0.1);
  });

  it('GELU(1) = 0.841192 (tanh form), SiLU(1) = 0.731059, GELU(−1) = −0.158808, ReLU', () => {
    expect(gelu(1)).toBeCloseTo(0.841192, 6);
    expect(gelu(-1)).toBeCloseTo(-0.158808, 6);
    expect(silu(1)).toBeCloseTo(0.731059, 6);
    expect(silu(-1)).toBeCloseTo(-0.268941, 6);
    expect([relu(-2), relu(3)]).toEqual([0, 3]);
    const c = activationCurves(-4, 4, 8);
    expect(c.x).toEqual([-4, -3, -2, -1, 0, 1, 2, 3, 4]);
    expect(c.gelu[5]).toBeCloseTo(0.841192, 6);
  });

  it('parseVector reads commas and spaces, caps the length and reports junk', () => {
    expect(parseVector('3, 4 -1;2', 8)).toEqual({ values: [3, 4, -1, 2], dropped: [] });
    expect(parseVector('1 x NaN 1e309 2', 8)).toEqual({ values: [1, 2], dropped: ['x', 'NaN', '1e309'] });
    expect(parseVector('1 2 3', 2).values).toEqual([1, 2]);
  });
});

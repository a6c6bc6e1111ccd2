import { describe, expect, it } from 'vitest';
import { EagerOps } from '@/lib/model/eager';
import { applyRope } from '@/lib/model/positions';
import { ropeFrequencies } from '@/lib/model/rope';
import { qkByDistance, rotate2, spectrum } from '@/lib/longctx/rope-geometry';

describe('RoPE geometry', () => {
  it('rotate2 turns (1, 0) by a quarter turn to (0, 1) and keeps the length', () => {
    const [x, y] = rotate2(1, 0, Math.PI / 2);
    expect(x).toBeCloseTo(0, 12);
    expect(y).toBeCloseTo(1, 12);
    const [a, b] = rotate2(3, 4, 1.234);
    expect(Math.hypot(a, b)).toBeCloseTo(5, 12);
  });

  it('spectrum gives θ, wavelengths 2π/θ and turns L/λ (hs = 8, base 10000, L = 256, PI × 4)', () => {
    const { rows, attentionScale } = spectrum(8, { base: 10000, scaling: { kind: 'pi', factor: 4 } }, 256);
    [1, 0.1, 0.01, 0.001].forEach((t, j) => {
      expect(rows[j].theta).toBeCloseTo(t, 12);
      expect(rows[j].scaled).toBeCloseTo(t / 4, 8); // float32 after the rule
    });
    expect(rows[1].wavelength).toBeCloseTo(20 * Math.PI, 9);
    expect(rows[1].scaledWavelength).toBeCloseTo(80 * Math.PI, 5);
    expect(rows[0].turns).toBeCloseTo(256 / (2 * Math.PI), 9);
    expect(attentionScale).toBe(1);
  });

  it('qkByDistance equals the dot product of all-ones q and k rotated by the eager RoPE, divided by hs', () => {
    const hs = 8;
    const { invFreq, attentionScale } = ropeFrequencies(hs, { base: 10000, scaling: { kind: 'yarn', factor: 4, originalContext: 16 } });
    const curve = qkByDistance(invFreq, attentionScale, 40);
    const ops = new EagerOps(new Map());
    const rot = (p: number) => {
      const ang = Float32Array.from(invFreq, (f) => p * f);
      const cos = { data: ang.map((a) => Math.cos(a) * attentionScale), shape: [1, hs / 2] };
      const sin = { data: ang.map((a) => Math.sin(a) * attentionScale), shape: [1, hs / 2] };
      return applyRope(ops, { data: new Float32Array(hs).fill(1), shape: [1, 1, 1, hs] }, { cos, sin }, hs).data as Float32Array;
    };
    for (const [m, n] of [[5, 5], [30, 3], [45, 5], [12, 0]]) {
      const q = rot(m), k = rot(n);
      const dot = q.reduce((s, v, i) => s + v * k[i], 0);
      expect(curve[m - n]).toBeCloseTo(dot / hs, 4);
    }
  });

  it('is mean cos(Δθ): −1 at Δ = π for θ = [1], and 1 at Δ = 0', () => {
    expect(qkByDistance([1], 1, 0)[0]).toBe(1);
    const c = qkByDistance([Math.PI / 3], 1, 3);
    expect(c[3]).toBeCloseTo(-1, 12);
  });
});

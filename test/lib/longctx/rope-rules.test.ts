import { describe, expect, it } from 'vitest';
import { ropeFrequencies } from '@/lib/model/rope';

// hs = 8, base 10000: θ_j = 10000^(-2j/8) = 1, 0.1, 0.01, 0.001 (RoFormer, Su et al. 2021, eq. 15).
const hs = 8;
const freq = (scaling: Parameters<typeof ropeFrequencies>[1]['scaling']) => ropeFrequencies(hs, { base: 10000, scaling });
const close = (got: ArrayLike<number>, want: number[], digits = 6) => want.forEach((w, j) => expect(got[j] / w).toBeCloseTo(1, digits));

describe('RoPE scaling rules, against frequencies computed by hand (hs = 8, base 10000, s = 4)', () => {
  it('no scaling gives 1, 0.1, 0.01, 0.001', () => {
    close(freq({ kind: 'none' }).invFreq, [1, 0.1, 0.01, 0.001]);
  });
  it('Position Interpolation (Chen et al. 2023) divides each by s: 0.25, 0.025, 0.0025, 0.00025', () => {
    close(freq({ kind: 'pi', factor: 4 }).invFreq, [0.25, 0.025, 0.0025, 0.00025]);
  });
  it("NTK-aware (base' = 10000 · 4^(8/6)) gives 1, 0.1/4^(1/3) = 0.0629961, 0.01/4^(2/3) = 0.00396850, 0.00025", () => {
    close(freq({ kind: 'ntk', factor: 4 }).invFreq, [1, 0.0629960525, 0.0039685026, 0.00025]);
  });
  it('YaRN with L = 256, α = 1, β = 32 keeps θ_0, ramps θ_1 (r = 4.0744, γ = 0.099173) and interpolates θ_2, θ_3', () => {
    // r_j = 256 / (2π/θ_j) = 40.74, 4.074, 0.407, 0.041 → γ = 1, (4.0744 − 1)/31, 0, 0
    // θ'_1 = (1 − γ)·0.1/4 + γ·0.1 = 0.0324380
    const y = freq({ kind: 'yarn', factor: 4, originalContext: 256 });
    close(y.invFreq, [1, 0.0324379836, 0.0025, 0.00025]);
    expect(y.attentionScale).toBeCloseTo(1.1386294361, 9); // 0.1 ln 4 + 1 (Peng et al. 2023, eq. 22)
  });
  it('YaRN at s = 1 changes nothing (no interpolation, attention factor 1)', () => {
    const y = freq({ kind: 'yarn', factor: 1, originalContext: 256 });
    close(y.invFreq, [1, 0.1, 0.01, 0.001]);
    expect(y.attentionScale).toBe(1);
  });
  it('YaRN honours other ramp bounds: with β = 4 pair 1 (r = 4.07 > β) is kept whole', () => {
    const y = freq({ kind: 'yarn', factor: 4, originalContext: 256, betaFast: 4, betaSlow: 1 });
    close(y.invFreq, [1, 0.1, 0.0025, 0.00025]);
  });
});

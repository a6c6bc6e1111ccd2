/**
 * Rotary position embedding frequencies and the context-extension rules that rewrite them.
 *
 * Base (RoFormer, Su et al. 2021, arXiv:2104.09864): pair j of a head (dims j and j + hs/2,
 * rotate-half layout) turns by angle pos · θ_j with θ_j = base^(-2j/hs), j = 0..hs/2-1.
 *
 * Rules (a model trained at context L_orig, run at s·L_orig; s = factor):
 *   none  θ'_j = θ_j
 *   pi    Position Interpolation (Chen et al. 2023, arXiv:2306.15595): θ'_j = θ_j / s,
 *         i.e. positions are squeezed by s so they stay inside the trained range.
 *   ntk   "NTK-aware" scaling (bloc97, 2023; formula as in Peng et al. §3.1):
 *         base' = base · s^(hs/(hs-2)). The fastest pair (j = 0) is untouched, the slowest
 *         (j = hs/2-1) is divided by exactly s; in between it interpolates geometrically.
 *   yarn  YaRN (Peng et al. 2023, arXiv:2309.00071, eq. 17-21): per pair, r_j = L_orig / λ_j with
 *         wavelength λ_j = 2π/θ_j; ramp γ_j = clamp((r_j - α)/(β - α), 0, 1), α = betaSlow (1),
 *         β = betaFast (32); θ'_j = (1 - γ_j) θ_j / s + γ_j θ_j (high frequencies kept, low ones
 *         interpolated). Attention temperature: cos and sin are multiplied by
 *         m = 0.1 ln s + 1, which scales every q·k logit by m² (the paper's √(1/t) on q and k).
 *
 * The rules are a table (`ropeRules`) so a lesson can add one without touching the model.
 */
import type { RopeConfig } from './config';

export interface RopeFrequencies {
  /** θ'_j, length hs/2. */
  invFreq: Float32Array;
  /** Multiplier applied to cos and sin (1 except for YaRN). */
  attentionScale: number;
}

export type RopeScaling = NonNullable<RopeConfig['scaling']>;
export type RopeRule = (hs: number, base: number, scaling: RopeScaling) => { invFreq: Float64Array; attentionScale: number };

/** θ_j = base^(-2j/hs). */
export function baseInvFreq(hs: number, base: number): Float64Array {
  return Float64Array.from({ length: hs / 2 }, (_, j) => Math.pow(base, (-2 * j) / hs));
}

function factorOf(s: RopeScaling): number {
  return s.kind === 'none' ? 1 : s.factor;
}

export const ropeRules: Record<RopeScaling['kind'], RopeRule> = {
  none: (hs, base) => ({ invFreq: baseInvFreq(hs, base), attentionScale: 1 }),
  pi: (hs, base, s) => ({ invFreq: baseInvFreq(hs, base).map((t) => t / factorOf(s)), attentionScale: 1 }),
  ntk: (hs, base, s) => ({ invFreq: baseInvFreq(hs, base * Math.pow(factorOf(s), hs / (hs - 2))), attentionScale: 1 }),
  yarn: (hs, base, s) => {
    if (s.kind !== 'yarn') throw new Error('yarn rule needs a yarn scaling block');
    const alpha = s.betaSlow ?? 1;
    const beta = s.betaFast ?? 32;
    const invFreq = baseInvFreq(hs, base).map((t) => {
      const r = s.originalContext / ((2 * Math.PI) / t);
      const g = Math.min(1, Math.max(0, (r - alpha) / (beta - alpha)));
      return (1 - g) * (t / s.factor) + g * t;
    });
    return { invFreq, attentionScale: s.factor > 1 ? 0.1 * Math.log(s.factor) + 1 : 1 };
  },
};

/** Frequencies for a head size and rope config, after its scaling rule. */
export function ropeFrequencies(hs: number, rope: RopeConfig): RopeFrequencies {
  if (hs % 2 !== 0) throw new Error(`RoPE needs an even head size (got ${hs})`);
  const scaling = rope.scaling ?? { kind: 'none' };
  const { invFreq, attentionScale } = ropeRules[scaling.kind](hs, rope.base, scaling);
  return { invFreq: Float32Array.from(invFreq), attentionScale };
}

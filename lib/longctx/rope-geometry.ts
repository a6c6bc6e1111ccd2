/**
 * RoPE seen as geometry, for the small figures of the Positions lesson.
 *
 *   rotate2: pair j of a query at position m is the 2-D point (x, y) turned by the angle m·θ_j.
 *   spectrum: θ_j, the wavelength λ_j = 2π/θ_j (tokens per full turn) and the turns r_j = L/λ_j
 *     within the training context L, before and after a scaling rule (lib/model/rope.ts).
 *   qkByDistance: for q = k = (1, …, 1) the RoPE dot product of a query at m and a key at n is
 *     q_m·k_n = Σ_j 2 cos((m−n)·θ_j) (rotate-half pairs, each of norm √2), so divided by
 *     |q||k| = hs it is mean_j cos(Δ·θ_j) with Δ = m − n; a rule's attention factor m_s
 *     multiplies both vectors, hence the dot product by m_s².
 *
 * Example: θ = [1], Δ = π → mean cos = −1; θ = [1, 0.01], Δ = 0 → 1.
 */
import type { RopeConfig } from '@/lib/model/config';
import { baseInvFreq, ropeFrequencies } from '@/lib/model/rope';

/** (x, y) turned counter-clockwise by `angle` radians. */
export function rotate2(x: number, y: number, angle: number): [number, number] {
  const c = Math.cos(angle), s = Math.sin(angle);
  return [x * c - y * s, x * s + y * c];
}

export interface SpectrumRow {
  j: number;
  theta: number;
  scaled: number;
  /** 2π/θ in tokens, before and after the rule. */
  wavelength: number;
  scaledWavelength: number;
  /** Full turns of pair j within the training context L: L/λ_j (YaRN's r). */
  turns: number;
}

/** One row per pair j = 0 … hs/2 − 1. */
export function spectrum(hs: number, rope: RopeConfig, trainContext: number): { rows: SpectrumRow[]; attentionScale: number } {
  const base = baseInvFreq(hs, rope.base);
  const { invFreq, attentionScale } = ropeFrequencies(hs, rope);
  const rows = Array.from(base, (theta, j) => ({
    j, theta, scaled: invFreq[j],
    wavelength: (2 * Math.PI) / theta,
    scaledWavelength: (2 * Math.PI) / invFreq[j],
    turns: trainContext / ((2 * Math.PI) / theta),
  }));
  return { rows, attentionScale };
}

/** mean_j cos(Δ·θ_j) · scale² for Δ = 0 … maxDistance. */
export function qkByDistance(invFreq: ArrayLike<number>, attentionScale: number, maxDistance: number): Float64Array {
  const out = new Float64Array(maxDistance + 1);
  const n = invFreq.length;
  for (let d = 0; d <= maxDistance; d++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.cos(d * invFreq[j]);
    out[d] = (s / n) * attentionScale * attentionScale;
  }
  return out;
}

/**
 * The two normalizations and the activations of the "Inside a block" lesson, on numbers a student
 * types, computed with the model's own kernels (lib/tensor: layerNorm, rmsNorm, geluScalar,
 * siluScalar — the functions EagerOps runs), with gain 1 and bias 0:
 *
 *   LayerNorm(x)_i = (x_i − μ) / √(σ² + ε)      μ = mean(x), σ² = mean((x − μ)²)
 *   RMSNorm(x)_i   = x_i / √(mean(x²) + ε)
 *   GELU(x) ≈ ½x(1 + tanh(√(2/π)(x + 0.044715x³)))   SiLU(x) = x·σ(x)   ReLU(x) = max(0, x)
 *
 * Example: x = (3, 4), ε = 0 → μ = 3.5, σ = 0.5, LayerNorm = (−1, 1); RMS = √12.5 ≈ 3.536,
 * RMSNorm ≈ (0.849, 1.131). GELU(1) ≈ 0.841192, SiLU(1) ≈ 0.731059.
 */
import { geluScalar, layerNorm, rmsNorm, siluScalar } from '@/lib/tensor';

export interface NormCompare {
  mean: number;
  std: number;
  rms: number;
  layer: number[];
  rmsNormed: number[];
}

export function normCompare(x: readonly number[], eps: number): NormCompare {
  const d = x.length;
  if (d === 0) return { mean: NaN, std: NaN, rms: NaN, layer: [], rmsNormed: [] };
  const t = { data: Float32Array.from(x), shape: [1, d] };
  const w = { data: new Float32Array(d).fill(1), shape: [d] };
  const mean = x.reduce((a, b) => a + b, 0) / d;
  const std = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / d);
  const rms = Math.sqrt(x.reduce((a, b) => a + b * b, 0) / d);
  return { mean, std, rms, layer: [...layerNorm(t, w, undefined, eps).data], rmsNormed: [...rmsNorm(t, w, eps).data] };
}

export const relu = (v: number): number => Math.max(0, v);
export { geluScalar as gelu, siluScalar as silu };

export interface Curves {
  x: number[];
  gelu: number[];
  silu: number[];
  relu: number[];
}

/** n + 1 evenly spaced points on [lo, hi]. */
export function activationCurves(lo: number, hi: number, n: number): Curves {
  const x = Array.from({ length: n + 1 }, (_, i) => lo + ((hi - lo) * i) / n);
  return { x, gelu: x.map(geluScalar), silu: x.map(siluScalar), relu: x.map(relu) };
}

/** "3, 4, -1" → numbers (commas or spaces), at most `max`; what could not be read is reported. */
export function parseVector(s: string, max: number): { values: number[]; dropped: string[] } {
  const parts = s.split(/[\s,;]+/).filter((p) => p.length > 0);
  const values: number[] = [];
  const dropped: string[] = [];
  for (const p of parts) {
    const v = Number(p);
    if (Number.isFinite(v) && Math.abs(v) <= 1e6 && values.length < max) values.push(v);
    else dropped.push(p.slice(0, 20));
  }
  return { values, dropped };
}

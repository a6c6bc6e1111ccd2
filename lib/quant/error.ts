/**
 * How far ŵ (dequantized) is from w: per-tensor error measures, and the histogram + grid a
 * lesson draws.
 *
 *   rmse     √(mean (w − ŵ)²)
 *   maxAbs   max |w − ŵ|
 *   rel      ‖w − ŵ‖₂ / ‖w‖₂                      (0 = exact)
 *   sqnrDb   20·log10(‖w‖₂ / ‖w − ŵ‖₂)            signal-to-quantization-noise ratio, ∞ when exact
 *
 * Example: w = [1, -2], ŵ = [1, -1.5] → rmse = √(0.25/2) ≈ 0.354, maxAbs 0.5, rel = 0.5/√5 ≈ 0.224.
 */

export interface TensorError {
  rmse: number;
  maxAbs: number;
  rel: number;
  sqnrDb: number;
}

export function tensorError(w: ArrayLike<number>, q: ArrayLike<number>): TensorError {
  if (w.length !== q.length) throw new Error(`tensorError: lengths ${w.length} and ${q.length}`);
  let se = 0;
  let ss = 0;
  let maxAbs = 0;
  for (let i = 0; i < w.length; i++) {
    const e = w[i] - q[i];
    se += e * e;
    ss += w[i] * w[i];
    maxAbs = Math.max(maxAbs, Math.abs(e));
  }
  const n = Math.max(1, w.length);
  return {
    rmse: Math.sqrt(se / n),
    maxAbs,
    rel: ss > 0 ? Math.sqrt(se / ss) : 0,
    sqnrDb: se === 0 ? Infinity : 10 * Math.log10(ss / se),
  };
}

export interface Histogram {
  /** Left edge of bin 0 and bin width. */
  lo: number;
  width: number;
  counts: number[];
}

/** Counts of x in `bins` equal bins over [lo, hi] (values outside land in the end bins). */
export function histogram(x: ArrayLike<number>, bins: number, lo: number, hi: number): Histogram {
  const width = (hi - lo) / bins || 1;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < x.length; i++) counts[Math.max(0, Math.min(bins - 1, Math.floor((x[i] - lo) / width)))]++;
  return { lo, width, counts };
}

/** Mean, standard deviation, and how many standard deviations the largest |w| sits out. */
export function outlierStats(w: ArrayLike<number>): { mean: number; std: number; maxAbs: number; sigmas: number } {
  let s = 0;
  let maxAbs = 0;
  for (let i = 0; i < w.length; i++) {
    s += w[i];
    maxAbs = Math.max(maxAbs, Math.abs(w[i]));
  }
  const mean = s / Math.max(1, w.length);
  let v = 0;
  for (let i = 0; i < w.length; i++) v += (w[i] - mean) ** 2;
  const std = Math.sqrt(v / Math.max(1, w.length));
  return { mean, std, maxAbs, sigmas: std > 0 ? maxAbs / std : 0 };
}

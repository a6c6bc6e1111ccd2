/**
 * Learning-rate schedule: linear warm-up (Goyal et al. 2017, "Accurate, Large Minibatch SGD",
 * §2.2) then cosine decay to a floor (Loshchilov & Hutter 2017, "SGDR", eq. 5, one cycle):
 *
 *   step s < W:        lr = lrMax · (s + 1) / W
 *   W ≤ s < S:         lr = lrMin + ½(lrMax − lrMin)(1 + cos(π (s − W) / (S − W)))
 *   s ≥ S:             lr = lrMin
 *
 * Example: lrMax 1, lrMin 0, W 2, S 6 → 0.5, 1, 1, 0.854, 0.5, 0.146, 0.
 */
export interface WarmupCosine {
  lrMax: number;
  lrMin?: number;
  /** W: warm-up steps (0 = none). */
  warmup: number;
  /** S: the step at which the decay reaches lrMin. */
  total: number;
}

export function warmupCosine(s: WarmupCosine, step: number): number {
  const { lrMax, lrMin = 0, warmup, total } = s;
  if (step < warmup) return (lrMax * (step + 1)) / warmup;
  if (step >= total) return lrMin;
  const p = (step - warmup) / Math.max(1, total - warmup);
  return lrMin + 0.5 * (lrMax - lrMin) * (1 + Math.cos(Math.PI * p));
}

/**
 * Pure view model of the subword-regularization widget: segmentations with their probability
 * under the unigram model (alpha = 1) and under sampling with inverse temperature alpha:
 *
 *   P_α(s | x) = P(s)^α / Σ_s' P(s')^α = exp(α·score(s) − logZ_α),  score = Σ log p(piece)
 *
 * where logZ_α comes from the forward algorithm over the segmentation lattice.
 *
 * Example (pieces ▁ −2, a −2, b −2, ▁a −1, ab −1.5, ▁ab −5; text "ab" → "▁ab"): the paths are
 * ▁a|b (−3), ▁|ab (−3.5), ▁ab (−5), ▁|a|b (−6). With α = 1, P(▁a|b) = e^−3 / (e^−3 + e^−3.5 + e^−5 + e^−6).
 */

export interface SegLike {
  pieces: string[];
  score: number;
}

export interface SegRow {
  pieces: string[];
  key: string;
  score: number;
  /** Probability under the model (alpha = 1). */
  p: number;
  /** Probability of being drawn at this alpha. */
  pAlpha: number;
}

export const segKey = (pieces: readonly string[]) => pieces.join('|');

/** Rows for segmentations given logZ (alpha = 1) and logZ_alpha. */
export function segRows(segs: readonly SegLike[], logZ: number, alpha: number, logZAlpha: number): SegRow[] {
  return segs.map((s) => ({
    pieces: s.pieces,
    key: segKey(s.pieces),
    score: s.score,
    p: Math.exp(s.score - logZ),
    pAlpha: Math.exp(alpha * s.score - logZAlpha),
  }));
}

export interface SampleCount {
  key: string;
  pieces: string[];
  count: number;
  /** Index of the first draw that gave it. */
  first: number;
}

/** Distinct sampled segmentations with how often each was drawn, most frequent first (ties: first drawn). */
export function countSamples(samples: readonly { pieces: string[] }[]): SampleCount[] {
  const m = new Map<string, SampleCount>();
  samples.forEach((s, i) => {
    const k = segKey(s.pieces);
    const c = m.get(k);
    if (c) c.count++;
    else m.set(k, { key: k, pieces: s.pieces, count: 1, first: i });
  });
  return [...m.values()].sort((a, b) => b.count - a.count || a.first - b.first);
}

/** "12.3%" (one decimal), "<0.1%" for tiny values. */
export function pct(p: number): string {
  if (p > 0 && p < 0.001) return '<0.1%';
  return `${(Math.round(p * 1000) / 10).toFixed(1)}%`;
}

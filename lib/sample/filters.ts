/**
 * Logit processors and probability filters, one rule each. Filters take a distribution p
 * (float64, sums to 1) and return a NEW renormalized distribution with some entries zeroed.
 *
 * repetition penalty, Hugging Face's form of CTRL's rule: for every token already in the history
 *   (prompt included), logit > 0 → logit / θ,  logit ≤ 0 → logit · θ   (θ > 1 discourages repeats)
 *   Example: θ = 2, logits [2, -1, 0.5], history {0, 1} → [1, -2, 0.5].
 *   CTRL itself (Keskar et al. 2019, §4.1) divides every penalised logit by θ, which would RAISE
 *   a negative logit; transformers PR #2303 made negative logits multiply instead.
 * frequency / presence penalties (OpenAI API docs, "Frequency and presence penalties"):
 *   logit − count · α_freq − (count > 0) · α_presence, count = times the token is in the history.
 *   Example: α_freq = 0.5, α_presence = 1, logits [2, 2, 2], history [0, 0, 1] → [0, 0.5, 2].
 * top-k (Fan et al. 2018): keep the k most probable tokens.
 *   Example: k = 2 on [4, 2, 1]/7 → [2/3, 1/3, 0].
 * top-p / nucleus (Holtzman et al. 2020): keep the smallest most-probable set whose mass ≥ p.
 *   Example: p = 0.75 on [0.5, 0.3, 0.15, 0.05] → [0.625, 0.375, 0, 0] (0.5 < 0.75 ≤ 0.8).
 * min-p (Nguyen et al. 2024): keep tokens with p_i ≥ minP · max_j p_j.
 *   Example: minP = 0.3 on [0.5, 0.3, 0.15, 0.05] → threshold 0.15 → [0.5, 0.3, 0.15, 0]/0.95.
 */

import { rankDescending, renormalize } from './softmax';

export function applyRepetitionPenalty(logits: ArrayLike<number>, history: Iterable<number>, theta: number): Float32Array {
  if (!(theta > 0)) throw new Error(`repetition penalty must be > 0 (got ${theta})`);
  const out = Float32Array.from(logits); // [V]
  for (const id of new Set(history)) {
    if (id < 0 || id >= out.length) continue;
    out[id] = out[id] > 0 ? out[id] / theta : out[id] * theta;
  }
  return out;
}

export function applyFrequencyPresencePenalty(
  logits: ArrayLike<number>,
  history: Iterable<number>,
  frequency: number,
  presence: number,
): Float32Array {
  const out = Float32Array.from(logits); // [V]
  const counts = new Map<number, number>();
  for (const id of history) if (id >= 0 && id < out.length) counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const [id, c] of counts) out[id] = out[id] - c * frequency - presence;
  return out;
}

export function topK(p: Float64Array, k: number): Float64Array {
  if (!Number.isInteger(k) || k < 1) throw new Error(`top-k needs an integer k ≥ 1 (got ${k})`);
  if (k >= p.length) return Float64Array.from(p);
  const out = new Float64Array(p.length);
  for (const i of rankDescending(p).slice(0, k)) out[i] = p[i];
  return renormalize(out);
}

/** Relative slack so that [0.5, 0.3] "reaches" 0.8 despite float rounding of the sum. */
const MASS_TOLERANCE = 1e-12;

export function topP(p: Float64Array, topP: number): Float64Array {
  if (!(topP > 0 && topP <= 1)) throw new Error(`top-p must be in (0, 1] (got ${topP})`);
  const out = new Float64Array(p.length);
  let mass = 0;
  for (const i of rankDescending(p)) {
    out[i] = p[i];
    mass += p[i];
    if (mass >= topP * (1 - MASS_TOLERANCE)) break;
  }
  return renormalize(out);
}

export function minP(p: Float64Array, minP: number): Float64Array {
  if (!(minP >= 0 && minP <= 1)) throw new Error(`min-p must be in [0, 1] (got ${minP})`);
  let max = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > max) max = p[i];
  const threshold = minP * max;
  const out = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) if (p[i] >= threshold) out[i] = p[i];
  return renormalize(out);
}

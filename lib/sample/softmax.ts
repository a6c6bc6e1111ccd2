/**
 * Softmax helpers for sampling, accumulated in float64 so that probabilities of a 50k-entry
 * vocabulary still sum to 1 within ~1e-12. Entries equal to -Infinity get probability 0.
 *
 * Example: softmax([0, ln 2, 0]) = [0.25, 0.5, 0.25].
 */

/** p_i = exp(x_i / T) / Σ_j exp(x_j / T), with T = temperature > 0. */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  if (!(temperature > 0)) throw new Error(`softmax: temperature must be > 0 (got ${temperature})`);
  const n = logits.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (logits[i] > max) max = logits[i];
  const out = new Float64Array(n); // [V]
  if (max === -Infinity) throw new Error('softmax: every logit is -Infinity');
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = Math.exp((logits[i] - max) / temperature);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < n; i++) out[i] /= sum;
  return out;
}

/** log p_i = x_i − logsumexp(x): the scores beam search adds up. */
export function logSoftmax(logits: ArrayLike<number>): Float64Array {
  const n = logits.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (logits[i] > max) max = logits[i];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp(logits[i] - max);
  const lse = max + Math.log(sum);
  const out = new Float64Array(n); // [V]
  for (let i = 0; i < n; i++) out[i] = logits[i] - lse;
  return out;
}

/** Index of the largest value; ties go to the lowest index. */
export function argmax(x: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
  return best;
}

/** Token ids ordered by value, largest first; ties keep index order (stable). */
export function rankDescending(x: ArrayLike<number>): number[] {
  const idx = Array.from({ length: x.length }, (_, i) => i);
  return idx.sort((a, b) => x[b] - x[a] || a - b);
}

/** Divides by the sum in place; throws if nothing is left. */
export function renormalize(p: Float64Array): Float64Array {
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += p[i];
  if (!(sum > 0)) throw new Error('sampling filters removed every token');
  for (let i = 0; i < p.length; i++) p[i] /= sum;
  return p;
}

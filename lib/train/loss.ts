/**
 * Cross-entropy of next-token logits, and its gradient, in one pass (the maximum-likelihood
 * objective: the mean negative log-probability of the targets; Goodfellow, Bengio & Courville
 * 2016, "Deep Learning", §5.5 and §6.2.2.3):
 *
 *   L = (1/N) Σᵢ −log softmax(zᵢ)[tᵢ] = (1/N) Σᵢ (logΣⱼ exp zᵢⱼ − zᵢ,tᵢ)
 *   ∂L/∂zᵢⱼ = (softmax(zᵢ)ⱼ − [j = tᵢ]) / N
 *
 * over the N rows whose target is not `ignoreIndex`; logsumexp subtracts the row max first.
 *
 * Example: logits [[0, ln 3]], target [1] → L = −log 0.75 ≈ 0.2877, ∂L/∂z = [0.25, −0.25].
 */
import type { Tensor } from '@/lib/tensor';

export interface CrossEntropy {
  /** Mean over counted rows (0 when none is counted). */
  loss: number;
  /** ∂loss/∂logits, same shape as logits. */
  dlogits: Float32Array;
  /** Rows counted (targets ≠ ignoreIndex). */
  count: number;
}

/** logits [..., V] (rows = every position), targets one per row. */
export function crossEntropy(logits: Tensor, targets: ArrayLike<number>, ignoreIndex = -1): CrossEntropy {
  const V = logits.shape[logits.shape.length - 1];
  const rows = logits.data.length / V;
  if (targets.length !== rows) throw new Error(`crossEntropy: ${targets.length} targets for ${rows} rows of logits [${logits.shape}]`);
  const z = logits.data;
  const d = new Float32Array(z.length);
  let count = 0;
  for (let r = 0; r < rows; r++) if (targets[r] !== ignoreIndex) count++;
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const t = targets[r];
    if (t === ignoreIndex) continue;
    if (!Number.isInteger(t) || t < 0 || t >= V) throw new Error(`crossEntropy: target ${t} outside 0..${V - 1}`);
    const o = r * V;
    let m = -Infinity;
    for (let j = 0; j < V; j++) if (z[o + j] > m) m = z[o + j];
    let s = 0;
    for (let j = 0; j < V; j++) s += Math.exp(z[o + j] - m);
    const lse = m + Math.log(s);
    total += lse - z[o + t];
    for (let j = 0; j < V; j++) d[o + j] = Math.exp(z[o + j] - lse) / count;
    d[o + t] -= 1 / count;
  }
  return { loss: count ? total / count : 0, dlogits: d, count };
}

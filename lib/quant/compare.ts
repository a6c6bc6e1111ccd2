/**
 * Comparing two models' outputs on the same input: KL divergence of their next-token
 * distributions and the mean negative log-likelihood (validation loss) of a token stream.
 * All in float64 and nats.
 *
 *   KL(p ‖ q) = Σ_i p_i (ln p_i − ln q_i)      p = softmax(original), q = softmax(quantized)
 *   NLL       = −(1/T) Σ_t ln softmax(z_t)[y_t] for logits z [T, V] and targets y [T]
 *
 * Example: KL((½, ½) ‖ (¼, ¾)) = ½ ln 2 + ½ ln(2/3) ≈ 0.1438 nats.
 */
import { logSoftmax } from '@/lib/sample/softmax';

/** KL(p ‖ q) from two logit vectors (≥ 0; 0 iff the distributions agree). */
export function klFromLogits(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new Error(`klFromLogits: ${p.length} vs ${q.length} logits`);
  const lp = logSoftmax(p);
  const lq = logSoftmax(q);
  let kl = 0;
  for (let i = 0; i < lp.length; i++) if (lp[i] > -Infinity) kl += Math.exp(lp[i]) * (lp[i] - lq[i]);
  return Math.max(0, kl);
}

/** Sum of −ln p(y_t) over rows of logits [T, V] (flat, row-major) and T targets, and T. */
export function nllSum(logits: Float32Array, vocab: number, targets: ArrayLike<number>): { sum: number; count: number } {
  const T = targets.length;
  if (logits.length !== T * vocab) throw new Error(`nllSum: ${logits.length} logits for ${T} × ${vocab}`);
  let sum = 0;
  for (let t = 0; t < T; t++) sum -= logSoftmax(logits.subarray(t * vocab, (t + 1) * vocab))[targets[t]];
  return { sum, count: T };
}

/** Fraction of positions where two logit rows [T, V] agree on the argmax. */
export function top1Agreement(a: Float32Array, b: Float32Array, vocab: number): number {
  const T = a.length / vocab;
  let same = 0;
  for (let t = 0; t < T; t++) {
    let ia = 0;
    let ib = 0;
    for (let i = 1; i < vocab; i++) {
      if (a[t * vocab + i] > a[t * vocab + ia]) ia = i;
      if (b[t * vocab + i] > b[t * vocab + ib]) ib = i;
    }
    if (ia === ib) same++;
  }
  return T ? same / T : 1;
}

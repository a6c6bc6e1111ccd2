/**
 * How far the tuned model has moved from the original: the mean, over the positions of a held-out
 * text, of the KL divergence between their next-token distributions (Kullback & Leibler 1951),
 *
 *   KL(π ‖ π_ref) = Σ_v π(v) · (log π(v) − log π_ref(v))         per row; ≥ 0, 0 iff equal
 *
 * computed from logits with log-softmax (max subtracted first). This is the quantity the RLHF
 * objective penalises (Stiennon et al. 2020 §3.4; Ouyang et al. 2022 eq. 2) and DPO keeps small
 * implicitly through β.
 *
 * Example: π = [0.5, 0.25, 0.25], π_ref = [1/3, 1/3, 1/3] →
 *   KL = 0.5·ln 1.5 + 2·0.25·ln 0.75 ≈ 0.05889 nats.
 */
import type { Tensor } from '@/lib/tensor';

/** log-softmax of one row of logits z[o .. o+V). */
export function logSoftmaxRow(z: ArrayLike<number>, o: number, V: number): Float64Array {
  let m = -Infinity;
  for (let j = 0; j < V; j++) if (z[o + j] > m) m = z[o + j];
  let s = 0;
  for (let j = 0; j < V; j++) s += Math.exp(z[o + j] - m);
  const lse = m + Math.log(s);
  const out = new Float64Array(V);
  for (let j = 0; j < V; j++) out[j] = z[o + j] - lse;
  return out;
}

/** KL(p ‖ q) in nats for logits rows p, q [..., V] of the same shape: one value per row. */
export function klRows(p: Tensor, q: Tensor): number[] {
  const V = p.shape[p.shape.length - 1];
  if (p.data.length !== q.data.length) throw new Error(`klRows: shapes [${p.shape}] and [${q.shape}] differ`);
  const rows = p.data.length / V;
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    const lp = logSoftmaxRow(p.data, r * V, V);
    const lq = logSoftmaxRow(q.data, r * V, V);
    let kl = 0;
    for (let j = 0; j < V; j++) kl += Math.exp(lp[j]) * (lp[j] - lq[j]);
    out.push(Math.max(0, kl));
  }
  return out;
}

/** Mean KL(p ‖ q) over rows. */
export function meanKl(p: Tensor, q: Tensor): number {
  const k = klRows(p, q);
  return k.reduce((s, x) => s + x, 0) / Math.max(1, k.length);
}

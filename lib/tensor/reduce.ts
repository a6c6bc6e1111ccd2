/**
 * Reductions over the last axis used by decoding: argmax and top-k.
 *
 *   argmax([[1, 5, 2]]) = [1]
 *   topk([3, 1, 4, 1, 5], 2) = {values: [5, 4], indices: [4, 2]}   (ties: lower index first)
 */
import type { Tensor } from './tensor';

export function argmax(x: Tensor): Int32Array {
  const n = x.shape[x.shape.length - 1];
  const out = new Int32Array(x.data.length / n);
  for (let r = 0; r < out.length; r++) {
    let best = 0;
    for (let i = 1; i < n; i++) if (x.data[r * n + i] > x.data[r * n + best]) best = i;
    out[r] = best;
  }
  return out;
}

/** The k largest entries of a 1-D row (the last row if x has more), largest first. */
export function topk(x: Tensor, k: number): { values: Float32Array; indices: Int32Array } {
  const n = x.shape[x.shape.length - 1];
  const row = x.data.subarray(x.data.length - n);
  const kk = Math.min(k, n);
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => row[b] - row[a] || a - b);
  const indices = Int32Array.from(idx.slice(0, kk));
  const values = Float32Array.from(indices, (i) => row[i]);
  return { values, indices };
}

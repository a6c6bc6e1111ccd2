/**
 * A dense retriever from a language model that was never trained to retrieve: a text's vector
 * is the mean over its tokens of one layer's residual stream (tap.embed or
 * tap.blocks.{l}.resid_post of `lm`), and documents are ranked by cosine similarity to the
 * query's vector. DPR (Karpukhin et al. 2020) instead trains two encoders so that a question and
 * the passage that answers it get a large dot product; here nothing is trained.
 *
 *   meanPool([1, 2, 3, 6], 2, 2)       // [2, 4]   (rows [1, 2] and [3, 6])
 *   cosine([1, 0], [1, 1])             // 1/√2
 */
import type { Hit } from './bm25';

/** Mean over T rows of a row-major [T, C] matrix. */
export function meanPool(x: ArrayLike<number>, T: number, C: number): Float32Array {
  if (x.length !== T * C) throw new Error(`meanPool: ${x.length} values is not ${T} × ${C}`);
  const out = new Float64Array(C);
  for (let t = 0; t < T; t++) for (let c = 0; c < C; c++) out[c] += x[t * C + c];
  return Float32Array.from(out, (v) => v / T);
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`cosine: lengths ${a.length} and ${b.length}`);
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}

/** Documents ranked by cosine to the query, best first (ties: lower index first), at most k. */
export function searchDense(query: ArrayLike<number>, docs: readonly ArrayLike<number>[], k: number): Hit[] {
  const hits = docs.map((d, doc) => ({ doc, score: cosine(query, d) }));
  hits.sort((x, y) => y.score - x.score || x.doc - y.doc);
  return hits.slice(0, k);
}

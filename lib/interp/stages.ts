/**
 * Scaled dot-product attention for one query row, stage by stage, recomputed from the tapped
 * q and k (Vaswani et al. 2017, "Attention Is All You Need", §3.2.1, eq. 1):
 *
 *   raw[j]    = q_i · k_j                      (dot product of the query row with every key)
 *   scaled[j] = raw[j] / √d_head
 *   masked[j] = scaled[j] if j ≤ i, else −∞    (causal: a token cannot look ahead)
 *   probs     = softmax(masked)                (exp(masked[j] − max) / Σ exp(…); e^−∞ = 0)
 *
 * With GQA (Ainslie et al. 2023) query head h reads kv head ⌊h / (nh / nkv)⌋: the same grouping
 * as lib/model/transformer.ts's repeatKv. Because this recomputes from q and k, comparing its
 * probs with the model's attnProbs tap is an independent check of the whole pipeline.
 *
 * Example: q = [1, 0], keys [1, 0] and [0, 1], d_head = 2, query 1 →
 *   raw [1, 0], scaled [0.707, 0], masked (same), probs [0.670, 0.330].
 */

/** A [1, n, T, hs] tap (q, or k with n = nkv) as it comes from ORT or the eager trace. */
export interface HeadsTap {
  data: ArrayLike<number>;
  dims: readonly number[];
}

export interface QueryStages {
  /** Which query head and the kv head it reads. */
  head: number;
  kvHead: number;
  query: number;
  dHead: number;
  /** The query vector q_i [hs] and every key k_j [S][hs] of that kv head. */
  q: Float64Array;
  k: Float64Array[];
  raw: Float64Array;
  scaled: Float64Array;
  masked: Float64Array;
  probs: Float64Array;
}

/** GQA / MQA / MHA: the kv head that query head h reads (g = nh / nkv query heads per kv head). */
export function kvHeadOf(h: number, nHead: number, nKvHead: number): number {
  if (nHead % nKvHead !== 0) throw new Error(`nHead ${nHead} is not a multiple of nKvHead ${nKvHead}`);
  return Math.floor(h / (nHead / nKvHead));
}

function vec(t: HeadsTap, head: number, row: number): Float64Array {
  const [, , R, hs] = t.dims;
  const off = (head * R + row) * hs;
  return Float64Array.from({ length: hs }, (_, d) => t.data[off + d]);
}

/** Numerically stable softmax; −∞ entries get exactly 0. */
export function softmax(x: ArrayLike<number>): Float64Array {
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) if (x[i] > m) m = x[i];
  const out = new Float64Array(x.length);
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += out[i] = x[i] === -Infinity ? 0 : Math.exp(x[i] - m);
  for (let i = 0; i < x.length; i++) out[i] /= sum;
  return out;
}

/** The four stages of query row `query` of head `head`, from q [1, nh, T, hs] and k [1, nkv, S, hs]. */
export function queryStages(q: HeadsTap, k: HeadsTap, head: number, query: number): QueryStages {
  const [, nh, T, hs] = q.dims;
  const [, nkv, S, hsK] = k.dims;
  if (hs !== hsK) throw new Error(`q and k head sizes differ: ${hs} vs ${hsK}`);
  if (head < 0 || head >= nh || query < 0 || query >= T) throw new Error(`head ${head} / query ${query} outside [0, ${nh}) × [0, ${T})`);
  const kvHead = kvHeadOf(head, nh, nkv);
  const qi = vec(q, head, query);
  const keys = Array.from({ length: S }, (_, j) => vec(k, kvHead, j));
  const past = S - T; // keys before the first query (0 without a cache)
  const raw = Float64Array.from(keys, (kj) => kj.reduce((s, x, d) => s + x * qi[d], 0));
  const scaled = raw.map((r) => r / Math.sqrt(hs));
  const masked = scaled.map((s, j) => (j > past + query ? -Infinity : s));
  return { head, kvHead, query, dHead: hs, q: qi, k: keys, raw, scaled, masked, probs: softmax(masked) };
}

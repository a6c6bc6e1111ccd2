/**
 * Loss per position: the cross-entropy of each next-token prediction in one window, and the
 * averages a plot needs (over windows, over a range of positions, in buckets).
 *
 * Position t of a window x_0 … x_{N-1} is the prediction of x_{t+1} from x_0 … x_t:
 *   nll[t] = −log softmax(logits[t])[x_{t+1}] = logsumexp(logits[t]) − logits[t][x_{t+1}]   (nats)
 * so a window of N tokens gives N − 1 losses. Computed in float64 with the max subtracted.
 *
 * Example: logits rows [0, 0] and [ln 3, 0], targets [1, 0] → nll = [ln 2, ln(4/3)].
 */

/** nll[t] for t < targets.length, from logits [≥ T, V] (row-major) and targets [T]. */
export function tokenNll(logits: ArrayLike<number>, V: number, targets: ArrayLike<number>): Float64Array {
  const T = targets.length;
  if (logits.length < T * V) throw new Error(`tokenNll: logits hold ${logits.length / V} rows, need ${T}`);
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    const o = t * V;
    let m = -Infinity;
    for (let v = 0; v < V; v++) if (logits[o + v] > m) m = logits[o + v];
    let z = 0;
    for (let v = 0; v < V; v++) z += Math.exp(logits[o + v] - m);
    const y = targets[t];
    if (!Number.isInteger(y) || y < 0 || y >= V) throw new Error(`tokenNll: target ${y} at ${t} is not a token id < ${V}`);
    out[t] = Math.log(z) + m - logits[o + y];
  }
  return out;
}

/** The element-wise mean of equal-length rows (one row per window). */
export function meanRows(rows: readonly ArrayLike<number>[]): Float64Array {
  if (rows.length === 0) return new Float64Array(0);
  const n = rows[0].length;
  const out = new Float64Array(n);
  for (const r of rows) {
    if (r.length !== n) throw new Error(`meanRows: rows of length ${n} and ${r.length}`);
    for (let i = 0; i < n; i++) out[i] += r[i] / rows.length;
  }
  return out;
}

/** Mean of values[from … to-1] (to clipped to the length); NaN when the range is empty. */
export function meanRange(values: ArrayLike<number>, from: number, to: number): number {
  const end = Math.min(to, values.length);
  if (end <= from) return NaN;
  let s = 0;
  for (let i = from; i < end; i++) s += values[i];
  return s / (end - from);
}

export interface Bucket {
  /** First and one-past-last position. */
  start: number;
  end: number;
  mean: number;
}

/** Consecutive buckets of `size` positions (the last may be shorter) with their mean. */
export function buckets(values: ArrayLike<number>, size: number): Bucket[] {
  if (!(size >= 1)) throw new Error(`buckets: size must be ≥ 1 (got ${size})`);
  const out: Bucket[] = [];
  for (let start = 0; start < values.length; start += size) {
    const end = Math.min(values.length, start + size);
    out.push({ start, end, mean: meanRange(values, start, end) });
  }
  return out;
}

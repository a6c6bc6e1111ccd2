/**
 * Reading out the logit lens (lib/interp/logit-lens.ts builds it): softmax, top-k and ranks over
 * lens logits [N, T, V], N = L + 1 stream points (0 = the embedding, i = after block i − 1).
 *
 *   lensReadout(lens, dims, k)          per (i, t): top-k ids and probabilities (softmax over V)
 *   finalTokenTrace(lens, dims, logits) per (i, t): rank and probability of the model's final top-1
 *   formsAt(trace, t)                   the first point from which that token stays top-1
 *
 * Example: with V = 3 and a row of lens logits [0, ln 3, 0], the softmax is [0.2, 0.6, 0.2], the
 * top-1 is id 1 with p = 0.6, and id 0 has rank 2 (ties keep the lower id first).
 */
import { names } from '@/lib/model/names';

/** The runtime's graph variant that computes the lens (lib/runtime/transformer.ts). */
export const LENS_VARIANT = 'lens';
/** Its lens output: [L+1, T, V]. */
export const LENS_OUTPUT = 'lens.logits';

/** The tap read at stream point i (0 = embedding, i = after block i − 1). */
export const streamTap = (i: number): string => (i === 0 ? names.embed() : names.residPost(i - 1));

/** Softmax of one row in float64 (max subtracted). */
export function softmaxRow(row: ArrayLike<number>): Float64Array {
  let m = -Infinity;
  for (let i = 0; i < row.length; i++) if (row[i] > m) m = row[i];
  const out = new Float64Array(row.length);
  let s = 0;
  for (let i = 0; i < row.length; i++) s += out[i] = Math.exp(row[i] - m);
  for (let i = 0; i < row.length; i++) out[i] /= s;
  return out;
}

/** Ids of the k largest values, largest first; ties keep the lower id first. */
export function topIds(row: ArrayLike<number>, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < row.length; i++) {
    if (top.length === k && row[i] <= row[top[k - 1]]) continue;
    let j = top.length === k ? k - 1 : top.length;
    while (j > 0 && row[top[j - 1]] < row[i]) {
      if (j < k) top[j] = top[j - 1];
      j--;
    }
    if (top.length < k) top.push(0);
    top[j] = i;
  }
  return top;
}

/** 1-based rank of `id` in row (1 = the largest; ties with a lower id come first). */
export function rankOf(row: ArrayLike<number>, id: number): number {
  let r = 1;
  const x = row[id];
  for (let i = 0; i < row.length; i++) if (row[i] > x || (row[i] === x && i < id)) r++;
  return r;
}

/** The top-k read-out of one stream point at one position. */
export interface LensCell {
  ids: number[];
  probs: number[];
}

/** lens [N, T, V] (flat, dims [N, T, V]) → cells[i][t], the top-k ids and probabilities. */
export function lensReadout(lens: Float32Array, dims: readonly number[], k: number): LensCell[][] {
  const [N, T, V] = dims;
  if (lens.length !== N * T * V) throw new Error(`lens has ${lens.length} values, dims [${dims}] need ${N * T * V}`);
  return Array.from({ length: N }, (_, i) => Array.from({ length: T }, (_, t) => {
    const row = lens.subarray((i * T + t) * V, (i * T + t + 1) * V);
    const p = softmaxRow(row);
    const ids = topIds(row, Math.min(k, V));
    return { ids, probs: ids.map((id) => p[id]) };
  }));
}

/** Where the model's final top-1 token stands at one stream point and position. */
export interface FinalTrace {
  /** argmax of the model's logits at this position. */
  id: number;
  rank: number;
  prob: number;
}

/** For each stream point i and position t: rank and probability of argmax(logits[t]) under the lens. */
export function finalTokenTrace(lens: Float32Array, dims: readonly number[], logits: Float32Array): FinalTrace[][] {
  const [N, T, V] = dims;
  if (logits.length !== T * V) throw new Error(`logits have ${logits.length} values, [1, ${T}, ${V}] needs ${T * V}`);
  const finals = Array.from({ length: T }, (_, t) => topIds(logits.subarray(t * V, (t + 1) * V), 1)[0]);
  return Array.from({ length: N }, (_, i) => finals.map((id, t) => {
    const row = lens.subarray((i * T + t) * V, (i * T + t + 1) * V);
    return { id, rank: rankOf(row, id), prob: softmaxRow(row)[id] };
  }));
}

/**
 * The first stream point from which the final token is top-1 at every later point too
 * ("where the prediction forms"), for one position; N − 1 when only the model's output has it.
 */
export function formsAt(trace: readonly FinalTrace[][], t: number): number {
  let i = trace.length - 1;
  while (i > 0 && trace[i - 1][t].rank === 1) i--;
  return i;
}

/** Human label of stream point i: 'embedding' or 'after block i − 1'. */
export const streamLabel = (i: number): string => (i === 0 ? 'embedding' : `after block ${i - 1}`);

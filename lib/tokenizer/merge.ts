/**
 * The BPE merge loop for one pre-tokenized piece: repeatedly merge the adjacent pair with the
 * smallest merged id (= earliest merge / lowest rank), leftmost first, until no pair merges.
 * This is the same rule as tiktoken's byte_pair_merge and minbpe's encode loop.
 *
 * Two implementations with identical results (tested): a linear scan, fastest for the short
 * pieces of ordinary text, and a heap over a linked list for long pieces (a 100 KB word would
 * be quadratic with the scan).
 *
 * Example with merges 256=(a,a), 257=(a,b), 258=(256,257):
 *   [a a a b] → pairs (aa:256, aa:256, ab:257) → merge leftmost aa → [256 a b]
 *   → pairs (256a:-, ab:257) → [256 257] → pair (256 257:258) → [258]
 */
import { PairHeap } from './heap';
import { pairKey } from './model';

/** Pieces longer than this use the heap version. */
export const LINEAR_MAX = 64;

const NONE = Number.POSITIVE_INFINITY;

/** Merge ids in place (linear scan) and return them. */
export function mergeLinear(ids: number[], pairToId: Map<number, number>): number[] {
  let len = ids.length;
  if (len < 2) return ids;
  const ranks: number[] = new Array(len - 1);
  for (let i = 0; i < len - 1; i++) ranks[i] = pairToId.get(pairKey(ids[i], ids[i + 1])) ?? NONE;
  while (len > 1) {
    let best = NONE;
    let bi = -1;
    for (let i = 0; i < len - 1; i++) {
      if (ranks[i] < best) {
        best = ranks[i];
        bi = i;
      }
    }
    if (bi < 0) break;
    ids[bi] = best;
    ids.splice(bi + 1, 1);
    ranks.splice(bi, 1);
    len--;
    if (bi > 0) ranks[bi - 1] = pairToId.get(pairKey(ids[bi - 1], ids[bi])) ?? NONE;
    if (bi < len - 1) ranks[bi] = pairToId.get(pairKey(ids[bi], ids[bi + 1])) ?? NONE;
  }
  return ids;
}

/** Same result as mergeLinear in O(n log n): linked list + heap of (rank, position). */
export function mergeHeap(ids: number[], pairToId: Map<number, number>): number[] {
  const n = ids.length;
  if (n < 2) return ids;
  const cur = Int32Array.from(ids); // -1 = removed
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    next[i] = i + 1 < n ? i + 1 : -1;
    prev[i] = i - 1;
  }
  const heap = new PairHeap();
  for (let i = 0; i < n - 1; i++) {
    const r = pairToId.get(pairKey(cur[i], cur[i + 1]));
    if (r !== undefined) heap.push(r, i);
  }
  while (heap.size > 0) {
    const r = heap.topPrimary() as number;
    const i = heap.topSecondary() as number;
    heap.pop();
    if (cur[i] < 0) continue;
    const j = next[i];
    if (j < 0 || pairToId.get(pairKey(cur[i], cur[j])) !== r) continue; // stale entry
    cur[i] = r;
    cur[j] = -1;
    next[i] = next[j];
    if (next[j] >= 0) prev[next[j]] = i;
    const p = prev[i];
    if (p >= 0) {
      const rp = pairToId.get(pairKey(cur[p], r));
      if (rp !== undefined) heap.push(rp, p);
    }
    const q = next[i];
    if (q >= 0) {
      const rq = pairToId.get(pairKey(r, cur[q]));
      if (rq !== undefined) heap.push(rq, i);
    }
  }
  const out: number[] = [];
  for (let i = 0; i >= 0; i = next[i]) out.push(cur[i]);
  return out;
}

/** Merge a piece's byte ids, choosing the implementation by length. */
export function mergePiece(ids: number[], pairToId: Map<number, number>): number[] {
  return ids.length <= LINEAR_MAX ? mergeLinear(ids, pairToId) : mergeHeap(ids, pairToId);
}

/** One step of encodeSteps: the ids after merging `pair` into `id` at `index`. */
export interface EncodeStep {
  ids: number[];
  /** The pair merged to reach this state (absent for the initial bytes). */
  pair?: [number, number];
  id?: number;
  index?: number;
}

/** Every intermediate state of the merge loop for one piece (for a "watch it encode" widget). */
export function mergeSteps(ids: number[], pairToId: Map<number, number>): EncodeStep[] {
  const state = ids.slice();
  const steps: EncodeStep[] = [{ ids: state.slice() }];
  for (;;) {
    let best = NONE;
    let bi = -1;
    for (let i = 0; i + 1 < state.length; i++) {
      const r = pairToId.get(pairKey(state[i], state[i + 1])) ?? NONE;
      if (r < best) {
        best = r;
        bi = i;
      }
    }
    if (bi < 0) return steps;
    const pair: [number, number] = [state[bi], state[bi + 1]];
    state.splice(bi, 2, best);
    steps.push({ ids: state.slice(), pair, id: best, index: bi });
  }
}

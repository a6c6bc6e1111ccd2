/**
 * The segmentation lattice of a string under a unigram model: every way to cut it into
 * vocabulary pieces is a path from 0 to n; a path's log-probability is the sum of its pieces'
 * scores (log p). Shared by the Unigram tokenizer (Viterbi, sampling, n-best) and its trainer
 * (forward-backward).
 *
 * Positions are code-point indices. An edge (start, end, id, score) covers code points
 * [start, end). Callers build edges with a lookup of their choice (vocabulary Map, or the
 * trainer's precomputed substring ids).
 *
 * Example: "ab" with pieces a(-2) b(-2) ab(-3): edges 0→1 a, 1→2 b, 0→2 ab;
 * Viterbi = [ab] (-3 > -4); logZ = log(e^-4 + e^-3).
 */

export interface Edge {
  start: number;
  end: number;
  id: number;
  score: number;
}

/** Edges grouped by end position: incoming[end] = edges that end there. */
export type Lattice = Edge[][];

export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** Best path: the ids along it (ties: the first edge found, i.e. earliest start). */
export function viterbi(lat: Lattice, n: number): { edges: Edge[]; score: number } {
  const best = new Float64Array(n + 1).fill(-Infinity);
  const back: (Edge | null)[] = new Array(n + 1).fill(null);
  best[0] = 0;
  for (let e = 1; e <= n; e++) {
    for (const ed of lat[e] ?? []) {
      const c = best[ed.start] + ed.score;
      if (c > best[e]) {
        best[e] = c;
        back[e] = ed;
      }
    }
  }
  const edges: Edge[] = [];
  for (let e = n; e > 0; ) {
    const ed = back[e];
    if (ed === null) throw new Error('lattice has no path');
    edges.push(ed);
    e = ed.start;
  }
  return { edges: edges.reverse(), score: best[n] };
}

/** Forward log-sums: alpha[i] = log Σ over paths 0→i of exp(scale · score). */
export function forward(lat: Lattice, n: number, scale = 1): Float64Array {
  const a = new Float64Array(n + 1).fill(-Infinity);
  a[0] = 0;
  for (let e = 1; e <= n; e++) for (const ed of lat[e] ?? []) a[e] = logAddExp(a[e], a[ed.start] + scale * ed.score);
  return a;
}

/** Backward log-sums: beta[i] = log Σ over paths i→n. */
export function backward(lat: Lattice, n: number): Float64Array {
  const b = new Float64Array(n + 1).fill(-Infinity);
  b[n] = 0;
  for (let e = n; e >= 1; e--) for (const ed of lat[e] ?? []) b[ed.start] = logAddExp(b[ed.start], ed.score + b[e]);
  return b;
}

/** Posterior expected count of every edge's piece: add weight · P(edge) to counts[id]. */
export function addExpectedCounts(lat: Lattice, n: number, weight: number, counts: Float64Array): number {
  const a = forward(lat, n);
  const b = backward(lat, n);
  const z = a[n];
  for (let e = 1; e <= n; e++) for (const ed of lat[e] ?? []) counts[ed.id] += weight * Math.exp(a[ed.start] + ed.score + b[e] - z);
  return z;
}

/**
 * Draw one segmentation with probability ∝ P(path)^alpha (forward-filtering, backward-
 * sampling; SentencePiece's subword regularization). alpha → 0: uniform over paths;
 * alpha = 1: the model's distribution; large alpha → Viterbi.
 */
export function samplePath(lat: Lattice, n: number, alpha: number, uniform: () => number): Edge[] {
  const a = forward(lat, n, alpha);
  const path: Edge[] = [];
  for (let e = n; e > 0; ) {
    const inc = lat[e] ?? [];
    let r = uniform();
    let chosen = inc[inc.length - 1];
    for (const ed of inc) {
      r -= Math.exp(a[ed.start] + alpha * ed.score - a[e]);
      if (r < 0) {
        chosen = ed;
        break;
      }
    }
    path.push(chosen);
    e = chosen.start;
  }
  return path.reverse();
}

/** The k best paths, best first (k-best Viterbi keeping k partial paths per position). */
export function nBest(lat: Lattice, n: number, k: number): { edges: Edge[]; score: number }[] {
  type Hyp = { score: number; edge: Edge | null; prev: Hyp | null };
  const hyps: Hyp[][] = [[{ score: 0, edge: null, prev: null }]];
  for (let e = 1; e <= n; e++) {
    const cands: Hyp[] = [];
    for (const ed of lat[e] ?? []) for (const h of hyps[ed.start] ?? []) cands.push({ score: h.score + ed.score, edge: ed, prev: h });
    cands.sort((x, y) => y.score - x.score);
    hyps[e] = cands.slice(0, k);
  }
  return (hyps[n] ?? []).map((h) => {
    const edges: Edge[] = [];
    for (let c: Hyp | null = h; c !== null && c.edge !== null; c = c.prev) edges.push(c.edge);
    return { edges: edges.reverse(), score: h.score };
  });
}

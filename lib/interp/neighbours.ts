/**
 * Nearest neighbours of one row of an embedding table by cosine similarity,
 *
 *   cos(u, v) = u·v / (‖u‖ ‖v‖)   ∈ [−1, 1]: 1 = same direction, 0 = orthogonal,
 *
 * which ignores each vector's length and compares only directions (the measure word2vec's tools
 * use; Mikolov et al. 2013).
 *
 * Example: rows a = (1, 0), b = (2, 0.1), c = (0, 1), d = (−1, 0). Neighbours of a (itself left
 * out): b (cos = 2/√4.01 ≈ 0.99875), c (0), d (−1).
 */

export interface Neighbour {
  id: number;
  cos: number;
}

/** L2 norm of every row of a table [V, d]: [V]. */
export function rowNorms(table: ArrayLike<number>, V: number, d: number): Float64Array {
  if (table.length !== V * d) throw new Error(`rowNorms: ${table.length} values for [${V}, ${d}]`);
  const out = new Float64Array(V);
  for (let r = 0; r < V; r++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += table[r * d + j] ** 2;
    out[r] = Math.sqrt(s);
  }
  return out;
}

/** cos(u, v) of two vectors of the same length (0 when either is the zero vector). */
export function cosine(u: ArrayLike<number>, v: ArrayLike<number>): number {
  if (u.length !== v.length) throw new Error(`cosine: lengths ${u.length} and ${v.length}`);
  let dot = 0, nu = 0, nv = 0;
  for (let i = 0; i < u.length; i++) {
    dot += u[i] * v[i];
    nu += u[i] * u[i];
    nv += v[i] * v[i];
  }
  return nu === 0 || nv === 0 ? 0 : dot / Math.sqrt(nu * nv);
}

/** Cosine of a query vector q [d] with every row of the table [V, d]: [V]. */
export function cosineAll(table: ArrayLike<number>, V: number, d: number, q: ArrayLike<number>, norms = rowNorms(table, V, d)): Float64Array {
  if (q.length !== d) throw new Error(`cosineAll: query has ${q.length} values, rows have ${d}`);
  let nq = 0;
  for (let j = 0; j < d; j++) nq += q[j] * q[j];
  nq = Math.sqrt(nq);
  const out = new Float64Array(V);
  for (let r = 0; r < V; r++) {
    let dot = 0;
    for (let j = 0; j < d; j++) dot += table[r * d + j] * q[j];
    out[r] = nq === 0 || norms[r] === 0 ? 0 : dot / (nq * norms[r]);
  }
  return out;
}

/** The k largest scores, best first, skipping `exclude` (ties: lower id first). */
export function topK(scores: ArrayLike<number>, k: number, exclude: ReadonlySet<number> = new Set()): Neighbour[] {
  const best: Neighbour[] = [];
  for (let id = 0; id < scores.length; id++) {
    if (exclude.has(id)) continue;
    const cos = scores[id];
    if (best.length === k && cos <= best[k - 1].cos) continue;
    let i = best.length;
    while (i > 0 && best[i - 1].cos < cos) i--;
    best.splice(i, 0, { id, cos });
    if (best.length > k) best.pop();
  }
  return best;
}

/** 1-based rank of `id` among the scores (skipping `exclude`): 1 + how many score strictly higher. */
export function rankOf(scores: ArrayLike<number>, id: number, exclude: ReadonlySet<number> = new Set()): number {
  let above = 0;
  for (let r = 0; r < scores.length; r++) if (r !== id && !exclude.has(r) && scores[r] > scores[id]) above++;
  return above + 1;
}

/** The k nearest rows to row `id` by cosine, excluding the row itself (and `exclude`). */
export function neighbours(table: ArrayLike<number>, V: number, d: number, id: number, k: number, opts: { norms?: Float64Array; exclude?: ReadonlySet<number> } = {}): Neighbour[] {
  if (id < 0 || id >= V) throw new Error(`neighbours: row ${id} outside 0..${V - 1}`);
  const q = Array.from({ length: d }, (_, j) => table[id * d + j]);
  const scores = cosineAll(table, V, d, q, opts.norms);
  return topK(scores, k, new Set([id, ...(opts.exclude ?? [])]));
}

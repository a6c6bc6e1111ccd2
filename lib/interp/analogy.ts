/**
 * Word analogies by vector offset ("a is to b as c is to ?"), the test of Mikolov, Yih & Zweig
 * 2013 ("Linguistic Regularities in Continuous Space Word Representations", §4) and Mikolov et
 * al. 2013 ("Efficient Estimation of Word Representations in Vector Space", §4.1):
 *
 *   q = v̂_b − v̂_a + v̂_c      (v̂ = v/‖v‖, unit-length rows, as in the word2vec tools)
 *   answer = argmax over w ∉ {a, b, c} of cos(q, v_w)
 *
 * e.g. man : king :: woman : ? → q = king − man + woman, hoped-for answer queen. a, b and c are
 * left out of the search (otherwise b or c usually wins); the score is whether the expected word
 * comes first, and we also report its rank (1 = top) so a near miss is visible.
 *
 * Example (in the test): man (1, 0, 0), woman (0, 1, 0), king (1, 0, 1), queen (0, 1, 1),
 * apple (0, 0, 1). q = king/√2 − man + woman = (1/√2 − 1, 1, 1/√2) ≈ (−0.293, 1, 0.707),
 * ‖q‖ = √(3 − √2) ≈ 1.2593; cos(q, queen) = (1 + 1/√2)/(√2‖q‖) ≈ 0.9585 (rank 1),
 * cos(q, apple) = (1/√2)/‖q‖ ≈ 0.5615 (rank 2).
 */
import { cosineAll, rankOf, rowNorms, topK, type Neighbour } from './neighbours';

export interface AnalogyResult {
  /** The best answers, best first (a, b, c excluded). */
  top: Neighbour[];
  /** 1-based rank of the expected id (a, b, c excluded), or null when none was given. */
  rank: number | null;
  /** cos(q, expected), or null. */
  expectedCos: number | null;
  /**
   * The "only c" baseline (Linzen 2016, "Issues in evaluating semantic spaces using word
   * analogies"): the expected word's rank among the neighbours of c alone, a, b, c excluded. When
   * it is already 1, the offset b − a added nothing.
   */
  baselineRank: number | null;
}

/** q = v̂_b − v̂_a + v̂_c for rows a, b, c of the table [V, d]. */
export function offsetQuery(table: ArrayLike<number>, d: number, a: number, b: number, c: number, norms: ArrayLike<number>): Float64Array {
  const q = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    q[j] = table[b * d + j] / (norms[b] || 1) - table[a * d + j] / (norms[a] || 1) + table[c * d + j] / (norms[c] || 1);
  }
  return q;
}

/** a : b :: c : ? over the table [V, d]; `expected` (optional) gets its rank. */
export function analogy(table: ArrayLike<number>, V: number, d: number, a: number, b: number, c: number, k: number, expected: number | null = null, norms = rowNorms(table, V, d)): AnalogyResult {
  for (const id of [a, b, c]) if (id < 0 || id >= V) throw new Error(`analogy: row ${id} outside 0..${V - 1}`);
  const q = offsetQuery(table, d, a, b, c, norms);
  const scores = cosineAll(table, V, d, q, norms);
  const ex = new Set([a, b, c]);
  const top = topK(scores, k, ex);
  if (expected === null || ex.has(expected)) return { top, rank: null, expectedCos: null, baselineRank: null };
  const onlyC = cosineAll(table, V, d, Array.from({ length: d }, (_, j) => table[c * d + j]), norms);
  return { top, rank: rankOf(scores, expected, ex), expectedCos: scores[expected], baselineRank: rankOf(onlyC, expected, ex) };
}

export interface AnalogyCase {
  a: string;
  b: string;
  c: string;
  expected: string;
}

/** Accuracy summary over many cases: how many had the expected answer at rank 1, within the top 5 / 10, and the median rank. */
export function summarize(ranks: readonly number[]): { n: number; top1: number; top5: number; top10: number; medianRank: number } {
  const s = [...ranks].sort((x, y) => x - y);
  const median = s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { n: s.length, top1: s.filter((r) => r === 1).length, top5: s.filter((r) => r <= 5).length, top10: s.filter((r) => r <= 10).length, medianRank: median };
}

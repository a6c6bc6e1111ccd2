/**
 * Retrieval quality against hand-judged relevant documents.
 *
 *   recall@k     = |relevant ∩ top k| / |relevant|
 *   reciprocal rank = 1 / (rank of the first relevant document), 0 if none is ranked
 *   MRR          = mean reciprocal rank over the queries
 *
 *   recallAt([4, 2, 9], new Set([2, 7]), 2)   // 0.5   (2 found in the top 2, 7 not)
 *   reciprocalRank([4, 2, 9], new Set([2, 7])) // 0.5  (first relevant at rank 2)
 */

export function recallAt(ranked: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  if (relevant.size === 0) throw new Error('recallAt: a query needs at least one relevant document');
  let found = 0;
  for (const d of ranked.slice(0, k)) if (relevant.has(d)) found++;
  return found / relevant.size;
}

export function reciprocalRank(ranked: readonly number[], relevant: ReadonlySet<number>): number {
  const i = ranked.findIndex((d) => relevant.has(d));
  return i < 0 ? 0 : 1 / (i + 1);
}

export interface RetrievalScores {
  recall: number;
  mrr: number;
  /** Per query: recall@k and reciprocal rank. */
  perQuery: { recall: number; rr: number }[];
}

/** Mean recall@k and MRR over queries; `rankings[i]` is the ranked list for query i (full or top-n). */
export function evaluate(rankings: readonly (readonly number[])[], relevant: readonly ReadonlySet<number>[], k: number): RetrievalScores {
  if (rankings.length !== relevant.length || rankings.length === 0) throw new Error('evaluate: one ranking per query, at least one query');
  const perQuery = rankings.map((r, i) => ({ recall: recallAt(r, relevant[i], k), rr: reciprocalRank(r, relevant[i]) }));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { recall: mean(perQuery.map((q) => q.recall)), mrr: mean(perQuery.map((q) => q.rr)), perQuery };
}

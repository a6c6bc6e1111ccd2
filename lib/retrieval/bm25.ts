/**
 * BM25 (Robertson & Zaragoza 2009, "The Probabilistic Relevance Framework: BM25 and Beyond",
 * §3.4): a bag-of-words score summed over the query's terms.
 *
 *   score(q, d) = Σ_{t ∈ q}  idf(t) · tf(t, d) · (k1 + 1) / (tf(t, d) + k1 · (1 − b + b · |d| / avgdl))
 *   idf(t)      = ln(1 + (N − n(t) + 0.5) / (n(t) + 0.5))
 *
 * N documents, n(t) of them contain t, tf(t, d) counts t in d, |d| is d's length in terms and
 * avgdl the mean length. k1 sets how fast repeated terms saturate, b how much a long document is
 * penalised. Without the "1 +", ln((N − n + 0.5) / (n + 0.5)) is negative for a term in more than
 * half the documents; the "1 +" (the form of Lucene's BM25Similarity.idf) keeps every weight
 * positive. A query term counted twice counts twice.
 *
 * Tokenisation (the rule both sides use): lower-case, then every maximal run of ASCII letters
 * and digits is a term ("Mr Elliot's" → mr, elliot, s). No stemming, no stop words.
 *
 *   terms("Wentworth's ship, 1833!")  // ['wentworth', 's', 'ship', '1833']
 */

export const K1 = 1.2;
export const B = 0.75;

export function terms(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

export interface Bm25Index {
  N: number;
  avgdl: number;
  /** Document frequency n(t). */
  df: Map<string, number>;
  /** Term counts of each document. */
  tf: Map<string, number>[];
  len: number[];
}

export function buildIndex(docs: readonly string[]): Bm25Index {
  const tf = docs.map((d) => {
    const m = new Map<string, number>();
    for (const t of terms(d)) m.set(t, (m.get(t) ?? 0) + 1);
    return m;
  });
  const len = docs.map((d) => terms(d).length);
  const df = new Map<string, number>();
  for (const m of tf) for (const t of m.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const N = docs.length;
  return { N, avgdl: N ? len.reduce((a, b) => a + b, 0) / N : 0, df, tf, len };
}

export function idf(ix: Bm25Index, term: string): number {
  const n = ix.df.get(term) ?? 0;
  return Math.log(1 + (ix.N - n + 0.5) / (n + 0.5));
}

export interface TermScore {
  term: string;
  tf: number;
  idf: number;
  /** This term's share of the document's score. */
  score: number;
}

/** One document's score, term by term (terms the document lacks contribute 0 and are left out). */
export function scoreDoc(ix: Bm25Index, query: readonly string[], doc: number, k1 = K1, b = B): { score: number; parts: TermScore[] } {
  const parts: TermScore[] = [];
  let score = 0;
  const norm = k1 * (1 - b + (b * ix.len[doc]) / ix.avgdl);
  for (const term of query) {
    const f = ix.tf[doc].get(term) ?? 0;
    if (f === 0) continue;
    const w = idf(ix, term);
    const s = (w * f * (k1 + 1)) / (f + norm);
    parts.push({ term, tf: f, idf: w, score: s });
    score += s;
  }
  return { score, parts };
}

export interface Hit {
  doc: number;
  score: number;
}

/** Every document with a score above 0, best first (ties: lower index first), at most k. */
export function searchBm25(ix: Bm25Index, query: string, k: number, k1 = K1, b = B): (Hit & { parts: TermScore[] })[] {
  const q = terms(query);
  const hits: (Hit & { parts: TermScore[] })[] = [];
  for (let d = 0; d < ix.N; d++) {
    const r = scoreDoc(ix, q, d, k1, b);
    if (r.score > 0) hits.push({ doc: d, ...r });
  }
  hits.sort((x, y) => y.score - x.score || x.doc - y.doc);
  return hits.slice(0, k);
}

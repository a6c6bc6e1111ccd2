/**
 * Whole jobs over a list of passages or texts, as the data worker runs them (and the corpus
 * measurement test, over the full training text): quality statistics, near-duplicate pairs by
 * MinHash + LSH or by SimHash, exact repeated spans by suffix array, and n-gram contamination.
 * Each takes an optional progress callback (done, total) and returns plain data (structured-
 * cloneable, so it can cross postMessage).
 */
import { overlap, ngramIndex, type Overlap } from './contamination';
import { candidateProbability, lshCandidates, minhashSignature } from './minhash';
import { letterDistance, letterProfile, qualityStats, type QualityStats } from './quality';
import { cosine, featureCounts, simhash64, simhashPairs } from './simhash';
import { joinWithSeparators, lcpArray, repeats, suffixArray } from './suffix-array';
import { jaccard, normalizedWords, shingleHashes } from './words';
import { hashString } from './hash';

import type { Progress } from './suffix-array';
export type { Progress };

/* ---------- quality ---------- */

export interface QualityJob {
  stats: QualityStats[];
  /** Letter-profile distance of each passage from the profile of all passages together. */
  letterDist: number[];
  /** That profile: letter probabilities a–z over all passages. */
  profile: Float64Array;
}

export function qualityJob(passages: readonly string[], onProgress?: Progress): QualityJob {
  const stats: QualityStats[] = [];
  const total = new Float64Array(26);
  passages.forEach((p, i) => {
    const s = qualityStats(p);
    stats.push(s);
    for (let c = 0; c < 26; c++) total[c] += s.letters[c];
    if (i % 200 === 0) onProgress?.(i, passages.length);
  });
  const ref = letterProfile(total);
  return { stats, letterDist: stats.map((s) => letterDistance(letterProfile(s.letters), ref)), profile: ref };
}

/* ---------- near duplicates ---------- */

export interface NearParams {
  method: 'minhash' | 'simhash';
  /** Shingle size in words. */
  n: number;
  /** MinHash: rows per band, bands, and the Jaccard similarity that counts as a duplicate. */
  r: number;
  b: number;
  threshold: number;
  /** SimHash: largest Hamming distance that counts as a duplicate. */
  k: number;
  seed: number;
}

export interface NearPair {
  i: number;
  j: number;
  /** Exact Jaccard similarity of the two shingle sets. */
  jaccard: number;
  /** SimHash only: Hamming distance and exact cosine of the shingle-count vectors. */
  hamming?: number;
  cosine?: number;
}

export interface NearJob {
  /** Pairs the method proposed (LSH candidates, or SimHash pairs within k bits). */
  proposed: number;
  /** Proposed pairs whose exact Jaccard ≥ threshold (MinHash) / all proposed pairs (SimHash), most similar first. */
  pairs: NearPair[];
  /** Brute force over all pairs: how many have exact Jaccard ≥ threshold (the truth LSH is measured against). */
  truePairs: number;
  /** Passages with at least one shingle. */
  passages: number;
  /** Groups of passages linked by the accepted pairs (connected components of ≥ 2), and how many
   *  passages deduplication would drop keeping one of each group. */
  clusters: number;
  removable: number;
}

/** Connected components (≥ 2 members) of the pair graph, largest first, members sorted: [[0, 1, 2], [5, 9]]. */
export function clusterMembers(pairs: ReadonlyArray<{ i: number; j: number }>): number[][] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const { i, j } of pairs) {
    if (!parent.has(i)) parent.set(i, i);
    if (!parent.has(j)) parent.set(j, j);
    const a = find(i);
    const b = find(j);
    if (a !== b) parent.set(a, b);
  }
  const groups = new Map<number, number[]>();
  for (const x of parent.keys()) {
    const r = find(x);
    const g = groups.get(r);
    if (g) g.push(x);
    else groups.set(r, [x]);
  }
  return [...groups.values()].map((g) => g.sort((a, b) => a - b)).sort((a, b) => b.length - a.length || a[0] - b[0]);
}

/** Connected components of the pair graph: [number of components with ≥ 2 members, members beyond the first of each]. */
export function clusterCounts(pairs: ReadonlyArray<{ i: number; j: number }>): [clusters: number, removable: number] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const { i, j } of pairs) {
    if (!parent.has(i)) parent.set(i, i);
    if (!parent.has(j)) parent.set(j, j);
    const a = find(i);
    const b = find(j);
    if (a !== b) parent.set(a, b);
  }
  const roots = new Set([...parent.keys()].map(find));
  return [roots.size, parent.size - roots.size];
}

const MAX_BRUTE = 4000;

export function nearJob(passages: readonly string[], p: NearParams, onProgress?: Progress): NearJob {
  const total = passages.length * 2;
  const sh = passages.map((t, i) => {
    if (i % 200 === 0) onProgress?.(i, total);
    return shingleHashes(normalizedWords(t).words, p.n);
  });
  const idx = sh.map((_, i) => i).filter((i) => sh[i].length > 0);
  let proposed: NearPair[];
  if (p.method === 'minhash') {
    const sigs = idx.map((i, x) => {
      if (x % 200 === 0) onProgress?.(passages.length + x, total);
      return minhashSignature(sh[i], p.r * p.b, p.seed);
    });
    proposed = lshCandidates(sigs, p.r, p.b).map(([x, y]) => ({ i: idx[x], j: idx[y], jaccard: jaccard(sh[idx[x]], sh[idx[y]]) }));
  } else {
    const feats = idx.map((i) => {
      const w = normalizedWords(passages[i]).words;
      const grams: number[] = [];
      for (let a = 0; a + Math.min(p.n, w.length) <= w.length; a++) grams.push(hashString(w.slice(a, a + Math.min(p.n, w.length)).join(' ')));
      return featureCounts(grams);
    });
    const fps = feats.map((f, x) => {
      if (x % 200 === 0) onProgress?.(passages.length + x, total);
      return simhash64(f, p.seed);
    });
    proposed = simhashPairs(fps, p.k).map(([x, y, d]) => ({ i: idx[x], j: idx[y], jaccard: jaccard(sh[idx[x]], sh[idx[y]]), hamming: d, cosine: cosine(feats[x], feats[y]) }));
  }
  const pairs = (p.method === 'minhash' ? proposed.filter((q) => q.jaccard >= p.threshold) : proposed).sort((a, b) => b.jaccard - a.jaccard || a.i - b.i || a.j - b.j);
  let truePairs = -1;
  if (idx.length <= MAX_BRUTE) {
    truePairs = 0;
    for (let x = 0; x < idx.length; x++) for (let y = x + 1; y < idx.length; y++) if (jaccard(sh[idx[x]], sh[idx[y]]) >= p.threshold) truePairs++;
  }
  onProgress?.(total, total);
  const [clusters, removable] = clusterCounts(pairs);
  return { proposed: proposed.length, pairs, truePairs, passages: idx.length, clusters, removable };
}

export { candidateProbability };

/* ---------- exact repeated spans ---------- */

export interface ExactGroup {
  length: number;
  count: number;
  /** The repeated text (first occurrence), and where each occurrence is: [text index, offset]. */
  text: string;
  at: Array<[number, number]>;
}

export interface ExactJob {
  /** Per text: merged [start, end) ranges inside repeated spans of ≥ k characters. */
  covered: Array<Array<[number, number]>>;
  coveredChars: number[];
  totalChars: number[];
  /** Repeated spans, most characters (count × length) first; a span all of whose occurrences overlap a listed one is skipped. */
  groups: ExactGroup[];
  groupCount: number;
}

export function exactJob(texts: readonly string[], k: number, onProgress?: Progress, maxGroups = 50): ExactJob {
  const { codes, starts } = joinWithSeparators(texts);
  const sa = suffixArray(codes, (d, t) => onProgress?.(d, t + 2));
  const lcp = lcpArray(codes, sa);
  const rep = repeats(sa, lcp, k);
  const where = (pos: number): [number, number] => {
    let t = starts.length - 1;
    while (starts[t] > pos) t--;
    return [t, pos - starts[t]];
  };
  const covered: Array<Array<[number, number]>> = texts.map(() => []);
  const coveredChars = texts.map(() => 0);
  for (const [a, b] of rep.covered) {
    const [t, off] = where(a);
    covered[t].push([off, off + (b - a)]);
    coveredChars[t] += b - a;
  }
  const sorted = [...rep.groups].sort((x, y) => y.length * y.at.length - x.length * x.at.length || y.length - x.length);
  const groups: ExactGroup[] = [];
  const listed: Array<[number, number]> = [];
  for (const g of sorted) {
    if (groups.length >= maxGroups) break;
    const [t, off] = where(g.at[0]);
    const text = texts[t].slice(off, off + g.length);
    // a shifted or shorter copy of a listed span adds nothing: skip it when every occurrence overlaps a listed one
    if (g.at.every((p) => listed.some(([a, b]) => p < b && p + g.length > a))) continue;
    for (const p of g.at) listed.push([p, p + g.length]);
    groups.push({ length: g.length, count: g.at.length, text, at: g.at.map(where) });
  }
  onProgress?.(1, 1);
  return { covered, coveredChars, totalChars: texts.map((t) => t.length), groups, groupCount: rep.groups.length };
}

/* ---------- contamination ---------- */

export function contaminationJob(train: readonly string[], test: string, n: number, onProgress?: Progress): Overlap {
  const words: string[] = [];
  train.forEach((t, i) => {
    onProgress?.(i, train.length + 1);
    for (const w of normalizedWords(t).words) words.push(w);
    words.push('\u0000'); // no n-gram spans two texts
  });
  const index = ngramIndex(words, n);
  onProgress?.(train.length, train.length + 1);
  return overlap(test, index, n);
}

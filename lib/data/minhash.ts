/**
 * MinHash signatures and banded locality-sensitive hashing (LSH) for near-duplicate passages.
 *
 * MinHash (Broder 1997, "On the resemblance and containment of documents"): for a random hash
 * function h, Pr[min h(A) = min h(B)] = J(A, B) = |A ∩ B| / |A ∪ B|. A signature of k such
 * minima estimates J as the fraction of positions where two signatures agree.
 *
 * Banding (Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3.4): cut each
 * signature into b bands of r rows; two passages become a *candidate pair* when all r rows of at
 * least one band agree. For a pair with similarity s,
 *   Pr[candidate] = 1 − (1 − s^r)^b,
 * an S-curve whose steep part sits near s ≈ (1/b)^(1/r). Candidates are then checked exactly.
 *
 * Shapes: shingles Uint32Array [m] (sorted, distinct) → signature Uint32Array [k = b·r].
 *
 *   const sig = minhashSignature(shingleHashes(words, 5), 100, seed);
 *   candidateProbability(0.8, 5, 20) // 0.99964…
 */
import { salt, saltedHash } from './hash';

/** k minima, one per hash function h_i(x) = fmix32(x ^ salt_i). An empty set gives all 0xffffffff. */
export function minhashSignature(shingles: Uint32Array, k: number, seed = 0): Uint32Array {
  const sig = new Uint32Array(k).fill(0xffffffff);
  for (let i = 0; i < k; i++) {
    const s = salt(i, seed);
    let min = 0xffffffff;
    for (let j = 0; j < shingles.length; j++) {
      const h = saltedHash(shingles[j], s);
      if (h < min) min = h;
    }
    sig[i] = min;
  }
  return sig;
}

/** Fraction of positions where two signatures agree: the MinHash estimate of the Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new Error(`signature lengths differ: ${a.length} vs ${b.length}`);
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return a.length === 0 ? 0 : same / a.length;
}

/** Probability that a pair of similarity s shares at least one of b bands of r rows: 1 − (1 − s^r)^b. */
export function candidateProbability(s: number, r: number, b: number): number {
  return 1 - Math.pow(1 - Math.pow(s, r), b);
}

/** The similarity where the S-curve is steepest, approximately (1/b)^(1/r) (MMDS §3.4.2). */
export function lshThreshold(r: number, b: number): number {
  return Math.pow(1 / b, 1 / r);
}

/**
 * Candidate pairs [i, j] (i < j, sorted) of signatures that agree on all rows of some band.
 * Signatures must have at least b·r entries; rows past b·r are ignored. Each pair appears once.
 */
export function lshCandidates(signatures: readonly Uint32Array[], r: number, b: number): Array<[number, number]> {
  const seen = new Set<number>();
  const out: Array<[number, number]> = [];
  const n = signatures.length;
  for (let band = 0; band < b; band++) {
    const buckets = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const sig = signatures[i];
      if (sig.length < b * r) throw new Error(`signature of ${sig.length} < b·r = ${b * r}`);
      let key = '';
      for (let row = 0; row < r; row++) key += sig[band * r + row].toString(36) + ',';
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    }
    for (const list of buckets.values()) {
      for (let x = 0; x < list.length; x++) {
        for (let y = x + 1; y < list.length; y++) {
          const id = list[x] * n + list[y];
          if (!seen.has(id)) {
            seen.add(id);
            out.push([list[x], list[y]]);
          }
        }
      }
    }
  }
  return out.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

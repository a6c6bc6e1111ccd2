/**
 * SimHash fingerprints (Charikar 2002, "Similarity estimation techniques from rounding
 * algorithms"; used for web near-duplicates by Manku, Jain & Das Sarma 2007, "Detecting
 * near-duplicates for web crawling": 64-bit fingerprints, near-duplicate when they differ in at
 * most 3 bits).
 *
 * A text is a weighted feature vector x (feature = a word shingle, weight = its count). Bit t of
 * the fingerprint is the sign of ⟨x, r_t⟩ for a pseudo-random ±1 vector r_t whose entry for
 * feature f is bit t of hash(f): +1 when the bit is set, −1 when not. Bit t is 1 when the sum is
 * > 0 (a tie gives 0). For random hyperplanes, Pr[bit differs] = θ(x, y)/π, so the Hamming
 * distance of two fingerprints estimates the angle between the texts' vectors.
 *
 * Shapes: features Map<uint32 hash, weight> → fingerprint [hi, lo] (two uint32 = 64 bits).
 *
 *   simhash64(featureCounts(['a b', 'b c'].map(hashString)))  // [hi, lo]
 *   hamming64([0, 1], [0, 3]) // 1
 */
import { fmix32, popcount32, salt } from './hash';

export type Fingerprint = readonly [hi: number, lo: number];

/** Count of each feature hash (the weights of the vector x). */
export function featureCounts(hashes: Iterable<number>): Map<number, number> {
  const m = new Map<number, number>();
  for (const h of hashes) m.set(h, (m.get(h) ?? 0) + 1);
  return m;
}

/** The 64 hyperplane signs of feature f under a seed: bits of [hi, lo] = two salted hashes of f. */
export function featureBits(f: number, seed = 0): Fingerprint {
  return [fmix32((f ^ salt(0, seed)) >>> 0), fmix32((f ^ salt(1, seed)) >>> 0)];
}

/** 64-bit SimHash of a weighted feature vector. */
export function simhash64(features: Map<number, number>, seed = 0): Fingerprint {
  const v = new Float64Array(64); // v[t] = ⟨x, r_t⟩, t = 0..31 → hi bits 31..0, t = 32..63 → lo bits 31..0
  for (const [f, w] of features) {
    const [hi, lo] = featureBits(f, seed);
    for (let t = 0; t < 32; t++) {
      v[t] += (hi >>> (31 - t)) & 1 ? w : -w;
      v[32 + t] += (lo >>> (31 - t)) & 1 ? w : -w;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let t = 0; t < 32; t++) {
    hi = (hi << 1) | (v[t] > 0 ? 1 : 0);
    lo = (lo << 1) | (v[32 + t] > 0 ? 1 : 0);
  }
  return [hi >>> 0, lo >>> 0];
}

/** Number of differing bits of two 64-bit fingerprints. */
export function hamming64(a: Fingerprint, b: Fingerprint): number {
  return popcount32((a[0] ^ b[0]) >>> 0) + popcount32((a[1] ^ b[1]) >>> 0);
}

/** cos θ = ⟨x, y⟩ / (‖x‖ ‖y‖) of two weighted feature vectors (0 when either is empty). */
export function cosine(x: Map<number, number>, y: Map<number, number>): number {
  let dot = 0;
  let nx = 0;
  let ny = 0;
  for (const [f, w] of x) {
    nx += w * w;
    const u = y.get(f);
    if (u !== undefined) dot += w * u;
  }
  for (const w of y.values()) ny += w * w;
  return nx === 0 || ny === 0 ? 0 : dot / Math.sqrt(nx * ny);
}

/** All pairs [i, j, distance] (i < j) of fingerprints at Hamming distance ≤ k (a plain all-pairs scan). */
export function simhashPairs(fps: readonly Fingerprint[], k: number): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (let i = 0; i < fps.length; i++) {
    for (let j = i + 1; j < fps.length; j++) {
      const d = hamming64(fps[i], fps[j]);
      if (d <= k) out.push([i, j, d]);
    }
  }
  return out;
}

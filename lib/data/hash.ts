/**
 * 32-bit hashing for the data tools: MurmurHash3's finalizer (fmix32, Appleby 2011) over FNV-1a
 * (Fowler, Noll & Vo). Deterministic, seedable, no dependencies; good enough to spread shingles
 * uniformly, not cryptographic.
 *
 *   hashString('the cat sat')       // a uint32
 *   saltedHash(hashString('x'), 7)  // the same value mixed with hash function #7's salt
 */

/** MurmurHash3 fmix32: a bijection on uint32 that spreads every input bit over the output. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, then fmix32; `seed` picks an independent-looking function. */
export function hashString(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Salt of hash function number i of a family (i = 0, 1, 2, …) under a seed. */
export function salt(i: number, seed = 0): number {
  return fmix32((Math.imul(i + 1, 0x9e3779b9) ^ seed) >>> 0);
}

/** h_i(x) = fmix32(x XOR salt_i): hash function number i of a family applied to a uint32 x. */
export function saltedHash(x: number, saltValue: number): number {
  return fmix32((x ^ saltValue) >>> 0);
}

/** Number of set bits of a uint32 (Hacker's Delight, fig. 5-2). */
export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

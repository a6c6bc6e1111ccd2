/**
 * Suffix array + LCP array, and the exact repeated spans they reveal (the ExactSubstr step of Lee
 * et al. 2022, "Deduplicating Training Data Makes Language Models Better", §4.1: every substring
 * of at least k units that occurs more than once).
 *
 * - suffixArray: prefix doubling with counting sort over cyclic shifts of s + sentinel
 *   (Manber & Myers 1993, "Suffix arrays: a new method for on-line string searches"), O(n log n).
 * - lcpArray: Kasai et al. 2001, "Linear-time longest-common-prefix computation", O(n).
 * - repeats: two suffixes that share a prefix of length ≥ k are neighbours-in-a-run of the
 *   suffix array with lcp ≥ k; marking [sa[i], sa[i] + lcp[i]) and [sa[i−1], …) for every such
 *   neighbour covers exactly the characters that lie in some repeated length-k window.
 *
 * Shapes: codes Int32Array [n] (values ≥ 0) → sa Int32Array [n], lcp Int32Array [n]
 * (lcp[i] = common prefix of suffixes sa[i−1] and sa[i]; lcp[0] = 0).
 *
 *   suffixArray(codesOf('banana'))  // [5, 3, 1, 0, 4, 2]  (a, ana, anana, banana, na, nana)
 *   lcpArray(codes, sa)             // [0, 1, 3, 0, 0, 2]
 */

export type Progress = (done: number, total: number) => void;

/** UTF-16 code units of a string as Int32Array codes. */
export function codesOf(text: string): Int32Array {
  const c = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) c[i] = text.charCodeAt(i);
  return c;
}

/**
 * Codes of several texts joined with a distinct separator between each, so no repeat can cross
 * from one text into the next. Returns the codes and each text's start offset.
 */
export function joinWithSeparators(texts: readonly string[]): { codes: Int32Array; starts: number[] } {
  const n = texts.reduce((a, t) => a + t.length, 0) + Math.max(0, texts.length - 1);
  const codes = new Int32Array(n);
  const starts: number[] = [];
  let p = 0;
  texts.forEach((t, i) => {
    if (i > 0) codes[p++] = 0x10000 + i; // outside UTF-16, unique per boundary
    starts.push(p);
    for (let j = 0; j < t.length; j++) codes[p++] = t.charCodeAt(j);
  });
  return { codes, starts };
}

/** Suffix array of codes (all ≥ 0). */
export function suffixArray(codes: Int32Array, onProgress?: Progress): Int32Array {
  const n0 = codes.length;
  if (n0 === 0) return new Int32Array(0);
  // compress the alphabet to 1..A, then append the sentinel 0 (smaller than everything)
  const values = Array.from(new Set(codes)).sort((a, b) => a - b);
  const rank = new Map(values.map((v, i) => [v, i + 1]));
  const n = n0 + 1;
  const s = new Int32Array(n);
  for (let i = 0; i < n0; i++) s[i] = rank.get(codes[i])!;
  const cnt = new Int32Array(Math.max(values.length + 1, n));
  const p = new Int32Array(n);
  let c = new Int32Array(n);
  for (let i = 0; i < n; i++) cnt[s[i]]++;
  for (let i = 1; i <= values.length; i++) cnt[i] += cnt[i - 1];
  for (let i = n - 1; i >= 0; i--) p[--cnt[s[i]]] = i;
  let classes = 1;
  c[p[0]] = 0;
  for (let i = 1; i < n; i++) {
    if (s[p[i]] !== s[p[i - 1]]) classes++;
    c[p[i]] = classes - 1;
  }
  const rounds = Math.ceil(Math.log2(n));
  const pn = new Int32Array(n);
  let cn = new Int32Array(n);
  for (let h = 0, len = 1; len < n && classes < n; h++, len <<= 1) {
    onProgress?.(h, rounds);
    // sort by the second half: shifting the order p by len does it (cyclic)
    for (let i = 0; i < n; i++) {
      let v = p[i] - len;
      if (v < 0) v += n;
      pn[i] = v;
    }
    cnt.fill(0, 0, classes);
    for (let i = 0; i < n; i++) cnt[c[pn[i]]]++;
    for (let i = 1; i < classes; i++) cnt[i] += cnt[i - 1];
    for (let i = n - 1; i >= 0; i--) p[--cnt[c[pn[i]]]] = pn[i];
    cn[p[0]] = 0;
    classes = 1;
    for (let i = 1; i < n; i++) {
      const a = p[i];
      const b = p[i - 1];
      let a2 = a + len;
      if (a2 >= n) a2 -= n;
      let b2 = b + len;
      if (b2 >= n) b2 -= n;
      if (c[a] !== c[b] || c[a2] !== c[b2]) classes++;
      cn[a] = classes - 1;
    }
    [c, cn] = [cn, c];
  }
  onProgress?.(rounds, rounds);
  return p.subarray(1).slice(); // p[0] is the sentinel's suffix
}

/** Kasai's LCP: lcp[i] = longest common prefix of suffixes sa[i−1] and sa[i]; lcp[0] = 0. */
export function lcpArray(codes: Int32Array, sa: Int32Array): Int32Array {
  const n = codes.length;
  const inv = new Int32Array(n);
  for (let i = 0; i < n; i++) inv[sa[i]] = i;
  const lcp = new Int32Array(n);
  let h = 0;
  for (let i = 0; i < n; i++) {
    if (inv[i] === 0) {
      h = 0;
      continue;
    }
    const j = sa[inv[i] - 1];
    while (i + h < n && j + h < n && codes[i + h] === codes[j + h]) h++;
    lcp[inv[i]] = h;
    if (h > 0) h--;
  }
  return lcp;
}

/** A repeated span: `length` units that occur at every offset in `at` (sorted), `at.length` ≥ 2. */
export interface RepeatGroup {
  length: number;
  at: number[];
}

export interface Repeats {
  /** Merged [start, end) ranges of positions that lie in some repeated window of ≥ k units. */
  covered: Array<[number, number]>;
  /** Units inside `covered`. */
  coveredUnits: number;
  /** Runs of the suffix array with lcp ≥ k: each a string of length = the run's smallest lcp and all its occurrences. */
  groups: RepeatGroup[];
}

/** Every span of ≥ k units that occurs at least twice, from a suffix array and its LCP array. */
export function repeats(sa: Int32Array, lcp: Int32Array, k: number): Repeats {
  const n = sa.length;
  const diff = new Int32Array(n + 1); // +1 at a start, −1 at an end: coverage by prefix sum
  const groups: RepeatGroup[] = [];
  let i = 1;
  while (i < n) {
    if (lcp[i] < k) {
      i++;
      continue;
    }
    let j = i;
    let min = lcp[i];
    const at = [sa[i - 1]];
    while (j < n && lcp[j] >= k) {
      min = Math.min(min, lcp[j]);
      at.push(sa[j]);
      diff[sa[j]]++;
      diff[sa[j] + lcp[j]]--;
      diff[sa[j - 1]]++;
      diff[sa[j - 1] + lcp[j]]--;
      j++;
    }
    groups.push({ length: min, at: at.sort((a, b) => a - b) });
    i = j;
  }
  const covered: Array<[number, number]> = [];
  let depth = 0;
  let start = -1;
  let units = 0;
  for (let p = 0; p <= n; p++) {
    depth += diff[p];
    if (depth > 0 && start < 0) start = p;
    if (depth <= 0 && start >= 0) {
      covered.push([start, p]);
      units += p - start;
      start = -1;
    }
  }
  return { covered, coveredUnits: units, groups };
}

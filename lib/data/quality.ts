/**
 * Heuristic quality filters for text passages, after Gopher's MassiveText rules (Rae et al. 2021,
 * "Scaling Language Models: Methods, Analysis & Insights from Training Gopher", appendix A.1.1,
 * quality filtering, and Table A1, repetition removal), plus a character-statistics check in the
 * spirit of n-gram language identification (Cavnar & Trenkle 1994, "N-Gram-Based Text
 * Categorization").
 *
 * Gopher's defaults (A.1.1): keep a document with 50 to 100,000 words, mean word length 3 to 10
 * characters, a symbol-to-word ratio ≤ 0.1 for the hash symbol and for the ellipsis, ≥ 80% of
 * words containing an alphabetic character, and at least two of the stop words {the, be, to, of,
 * and, that, have, with}. Table A1: the most frequent 2-gram may cover ≤ 20% of the characters,
 * duplicated 5-grams ≤ 15%. Words are whitespace-separated; "characters" of the repetition rules
 * are the characters of the words (spaces not counted); an n-gram counts as repeated only when it
 * occurs at least twice in the passage.
 *
 *   const s = qualityStats('the cat the cat the cat');
 *   s.words === 6; s.top2gramFrac === 1;   // 'the cat' ×3 covers all 18 characters
 *   failedRules(s, GOPHER_THRESHOLDS)      // ['minWords', 'top2gram']
 */

export const STOP_WORDS = ['the', 'be', 'to', 'of', 'and', 'that', 'have', 'with'] as const;
const STOP = new Set<string>(STOP_WORDS);
const ALPHA = /\p{L}/u;
const EDGE_PUNCT = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

export interface QualityStats {
  words: number;
  meanWordLength: number;
  /** max(#hash symbols, #ellipses) / words. */
  symbolRatio: number;
  /** Fraction of words with at least one letter. */
  alphaWordFrac: number;
  /** How many distinct stop words of STOP_WORDS occur. */
  stopWords: number;
  /** Characters of the most frequent word 2-gram × its count, over all word characters (0 unless it repeats). */
  top2gramFrac: number;
  /** Characters of words covered by a word 5-gram occurring ≥ 2 times, over all word characters. */
  dup5gramFrac: number;
  /** Counts of the letters a–z (case-folded), index 0 = a. */
  letters: Float64Array;
  /** Letters a–z over all letters (any script). */
  latinLetterFrac: number;
}

export function qualityStats(text: string): QualityStats {
  const raw = text.split(/\s+/).filter((w) => w.length > 0);
  const words = raw.length;
  let lenSum = 0;
  let alpha = 0;
  let hashes = 0;
  let ellipses = 0;
  const stops = new Set<string>();
  const lower = raw.map((w) => w.toLowerCase());
  for (let i = 0; i < words; i++) {
    const w = raw[i];
    lenSum += w.length;
    if (ALPHA.test(w)) alpha++;
    const bare = lower[i].replace(EDGE_PUNCT, '');
    if (STOP.has(bare)) stops.add(bare);
  }
  for (const ch of text) if (ch === '#') hashes++;
  ellipses = (text.match(/\.\.\.|…/g) ?? []).length;
  const letters = new Float64Array(26);
  let allLetters = 0;
  for (const ch of text.toLowerCase()) {
    const c = ch.charCodeAt(0);
    if (c >= 97 && c <= 122) letters[c - 97]++;
    if (ALPHA.test(ch)) allLetters++;
  }
  const latin = letters.reduce((a, b) => a + b, 0);
  return {
    words,
    meanWordLength: words ? lenSum / words : 0,
    symbolRatio: words ? Math.max(hashes, ellipses) / words : 0,
    alphaWordFrac: words ? alpha / words : 0,
    stopWords: stops.size,
    top2gramFrac: lenSum ? topNgramChars(lower, 2) / lenSum : 0,
    dup5gramFrac: lenSum ? dupNgramChars(lower, 5) / lenSum : 0,
    letters,
    latinLetterFrac: allLetters ? latin / allLetters : 0,
  };
}

/** Characters (word lengths summed) of the most frequent n-gram times its count; 0 if no n-gram repeats. */
export function topNgramChars(words: readonly string[], n: number): number {
  const count = new Map<string, number>();
  let best = 0;
  let bestKey = '';
  for (let i = 0; i + n <= words.length; i++) {
    const key = words.slice(i, i + n).join(' ');
    const c = (count.get(key) ?? 0) + 1;
    count.set(key, c);
    if (c > best || (c === best && key.length > bestKey.length)) {
      best = c;
      bestKey = key;
    }
  }
  return best >= 2 ? (bestKey.length - (n - 1)) * best : 0;
}

/** Characters of the words covered by any n-gram that occurs at least twice. */
export function dupNgramChars(words: readonly string[], n: number): number {
  const count = new Map<string, number>();
  const keys: string[] = [];
  for (let i = 0; i + n <= words.length; i++) {
    const key = words.slice(i, i + n).join(' ');
    keys.push(key);
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  const covered = new Uint8Array(words.length);
  keys.forEach((k, i) => {
    if (count.get(k)! >= 2) covered.fill(1, i, i + n);
  });
  let chars = 0;
  for (let i = 0; i < words.length; i++) if (covered[i]) chars += words[i].length;
  return chars;
}

/** Letter counts → probabilities (all zero stays zero). */
export function letterProfile(counts: Float64Array): Float64Array {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (total ? c / total : 0));
}

/** Total variation distance ½ Σ |p_i − q_i| between two letter profiles (0 = same, 1 = disjoint). */
export function letterDistance(p: Float64Array, q: Float64Array): number {
  let d = 0;
  for (let i = 0; i < p.length; i++) d += Math.abs(p[i] - q[i]);
  return d / 2;
}

export interface QualityThresholds {
  minWords: number;
  maxWords: number;
  minMeanWordLength: number;
  maxMeanWordLength: number;
  maxSymbolRatio: number;
  minAlphaWordFrac: number;
  minStopWords: number;
  maxTop2gramFrac: number;
  maxDup5gramFrac: number;
  /** Largest letter-profile distance from the corpus profile (1 = rule off). */
  maxLetterDistance: number;
}

export const GOPHER_THRESHOLDS: QualityThresholds = {
  minWords: 50,
  maxWords: 100_000,
  minMeanWordLength: 3,
  maxMeanWordLength: 10,
  maxSymbolRatio: 0.1,
  minAlphaWordFrac: 0.8,
  minStopWords: 2,
  maxTop2gramFrac: 0.2,
  maxDup5gramFrac: 0.15,
  maxLetterDistance: 1,
};

export const RULES = ['minWords', 'maxWords', 'meanWordLength', 'symbolRatio', 'alphaWords', 'stopWords', 'top2gram', 'dup5gram', 'letters'] as const;
export type Rule = (typeof RULES)[number];

/** The rules a passage breaks (empty = kept). `letterDist` is its distance from the corpus profile. */
export function failedRules(s: QualityStats, t: QualityThresholds, letterDist = 0): Rule[] {
  const out: Rule[] = [];
  if (s.words < t.minWords) out.push('minWords');
  if (s.words > t.maxWords) out.push('maxWords');
  if (s.meanWordLength < t.minMeanWordLength || s.meanWordLength > t.maxMeanWordLength) out.push('meanWordLength');
  if (s.symbolRatio > t.maxSymbolRatio) out.push('symbolRatio');
  if (s.alphaWordFrac < t.minAlphaWordFrac) out.push('alphaWords');
  if (s.stopWords < t.minStopWords) out.push('stopWords');
  if (s.top2gramFrac > t.maxTop2gramFrac) out.push('top2gram');
  if (s.dup5gramFrac > t.maxDup5gramFrac) out.push('dup5gram');
  if (letterDist > t.maxLetterDistance) out.push('letters');
  return out;
}

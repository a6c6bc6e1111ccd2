/**
 * Words and n-grams, the unit of the near-duplicate and contamination tools.
 *
 * `normalizedWords` follows the GPT-3 contamination check's normalization (Brown et al. 2020,
 * appendix C: punctuation, whitespace and case ignored): maximal runs of letters or digits,
 * lower-cased, each with its character span in the original text so matches can be highlighted.
 *
 *   normalizedWords("Don't panic!")  // words ['don', 't', 'panic'], starts [0, 4, 6], ends [3, 5, 11]
 *   shingleHashes(['a','b','c','d'], 2) // 3 distinct hashes: 'a b', 'b c', 'c d'
 */
import { hashString } from './hash';

export interface Words {
  words: string[];
  /** UTF-16 offset of each word's first character in the text. */
  starts: Int32Array;
  /** UTF-16 offset one past each word's last character. */
  ends: Int32Array;
}

const WORD = /[\p{L}\p{N}]+/gu;

export function normalizedWords(text: string): Words {
  const words: string[] = [];
  const s: number[] = [];
  const e: number[] = [];
  for (const m of text.matchAll(WORD)) {
    words.push(m[0].toLowerCase());
    s.push(m.index);
    e.push(m.index + m[0].length);
  }
  return { words, starts: Int32Array.from(s), ends: Int32Array.from(e) };
}

/** The n-gram starting at word i, as one string key ('w1 w2 … wn'). */
export function ngramKey(words: readonly string[], i: number, n: number): string {
  let k = words[i];
  for (let j = 1; j < n; j++) k += ' ' + words[i + j];
  return k;
}

/**
 * The set of word n-gram shingles of a text, as sorted distinct uint32 hashes. A text shorter than
 * n words (but not empty) is one shingle of all its words, so short passages still compare.
 */
export function shingleHashes(words: readonly string[], n: number): Uint32Array {
  if (words.length === 0) return new Uint32Array(0);
  const m = Math.max(1, words.length - n + 1);
  const out = new Set<number>();
  for (let i = 0; i < m; i++) out.add(hashString(ngramKey(words, i, Math.min(n, words.length))));
  return Uint32Array.from(out).sort();
}

/** |A ∩ B| / |A ∪ B| of two sorted distinct arrays (the exact Jaccard similarity); 1 when both are empty. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      inter++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return inter / (a.length + b.length - inter);
}

/**
 * Test-set contamination by word n-gram overlap, as in the GPT-3 paper (Brown et al. 2020,
 * appendix C: 13-grams, punctuation, whitespace and case ignored). A test text is "dirty" when
 * any of its n-grams also occurs in the training text; the matched words are reported as
 * character spans of the test text so a page can highlight them.
 *
 *   const index = ngramIndex(normalizedWords(train).words, 13);
 *   overlap(testText, index, 13) // { ngrams, matched, spans: [[start, end], …], coveredWords, words }
 */
import { ngramKey, normalizedWords } from './words';

/** Every n-gram of a word list, as string keys. */
export function ngramIndex(words: readonly string[], n: number): Set<string> {
  const s = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) s.add(ngramKey(words, i, n));
  return s;
}

export interface Overlap {
  /** Number of n-grams in the test text. */
  ngrams: number;
  /** How many of them occur in the training text. */
  matched: number;
  /** Test words covered by a matched n-gram, and all test words. */
  coveredWords: number;
  words: number;
  /** Merged [start, end) character spans of the test text covered by matched n-grams. */
  spans: Array<[number, number]>;
}

export function overlap(test: string, index: ReadonlySet<string>, n: number): Overlap {
  const { words, starts, ends } = normalizedWords(test);
  const covered = new Uint8Array(words.length);
  let ngrams = 0;
  let matched = 0;
  for (let i = 0; i + n <= words.length; i++) {
    ngrams++;
    if (index.has(ngramKey(words, i, n))) {
      matched++;
      covered.fill(1, i, i + n);
    }
  }
  const spans: Array<[number, number]> = [];
  let coveredWords = 0;
  for (let i = 0; i < words.length; i++) {
    if (!covered[i]) continue;
    coveredWords++;
    const last = spans[spans.length - 1];
    if (last && i > 0 && covered[i - 1]) last[1] = ends[i];
    else spans.push([starts[i], ends[i]]);
  }
  return { ngrams, matched, coveredWords, words: words.length, spans };
}

/**
 * Byte-level BPE training with incremental pair counts (the efficient version of minbpe's
 * train loop; HF tokenizers' BpeTrainer works the same way).
 *
 * 1. Pre-tokenize (pattern) and count unique words: "the" ×5000 is stored once with weight 5000.
 * 2. Count adjacent pairs over unique words × weight, and remember which words hold each pair.
 * 3. Repeat: pop the best pair from a heap (lazy invalidation: stale entries are skipped),
 *    rewrite only the words that hold it, and apply the count *changes* of those words.
 *    Cost per merge ∝ occurrences of the pair, not corpus size.
 *
 * Tie rule (deterministic): highest count first; among equal counts the pair (a, b) with the
 * smallest a, then the smallest b (ids; for raw bytes that is byte order).
 * Counts are of adjacent pairs including overlaps ("aaa" holds (a,a) twice), as in minbpe and
 * HF; the trace records both this count and how much the corpus actually shrank.
 *
 * Example (the Wikipedia article's): trainBpe("aaabdaaabac", 259, {minFrequency: 2})
 *   merge 0: (a,a)→256 "Z"   "ZabdZabac"   (count 4, 11 → 9 tokens)
 *   merge 1: (a,b)→257 "Y"   "ZYdZYac"     (count 2, ties with (Z,a)=2: a=97 < 256)
 *   merge 2: (256,257)→258 "X" "XdXac"     (count 2)
 */
import { utf8Push } from './bytes';
import { BpeTokenizer } from './encode';
import { PairHeap } from './heap';
import { fromMerges, MAX_ID, pairKey, unpairKey } from './model';
import { compilePattern, forEachPiece, GPT2_PATTERN, splitSpecial, toWellFormed } from './pretokenize';

export interface TrainProgress {
  phase: 'count' | 'merge' | 'done';
  merges: number;
  totalMerges: number;
}

export interface TrainBpeOptions {
  /** Pre-tokenization regex source (default GPT2_PATTERN). */
  pattern?: string;
  /** Special tokens, given ids after the merges; their text is excluded from training. */
  specialTokens?: readonly string[];
  /** Stop when the best pair occurs fewer times than this (default 1: never stop early). */
  minFrequency?: number;
  /** Display name of the tokenizer. */
  name?: string;
  /** Called every `progressEvery` merges (default 64) and at the end. */
  onProgress?: (p: TrainProgress) => void;
  progressEvery?: number;
}

/** One merge of the trace: enough to scrub through training in a widget. */
export interface MergeStep {
  /** 0-based merge index. */
  rank: number;
  pair: [number, number];
  /** New token id (256 + rank). */
  id: number;
  /** Pair count (with overlaps) when it was chosen. */
  count: number;
  /** Corpus length in tokens before / after this merge (specials excluded). */
  tokensBefore: number;
  tokensAfter: number;
  /** Unique words rewritten. */
  words: number;
}

export interface TrainBpeResult {
  tokenizer: BpeTokenizer;
  merges: [number, number][];
  trace: MergeStep[];
  /** Bytes of every id (merges then specials). */
  vocab: Uint8Array[];
  stats: { bytes: number; pieces: number; uniqueWords: number; ms: number; stoppedEarly: boolean };
}

/** Count pre-tokenized words of text (special tokens removed). */
export function countWords(text: string, pattern: string, specialTokens: readonly string[]): { words: Map<string, number>; pieces: number } {
  const re = compilePattern(pattern);
  const words = new Map<string, number>();
  let pieces = 0;
  for (const seg of splitSpecial(toWellFormed(text), specialTokens)) {
    if (seg.kind === 'special') continue;
    forEachPiece(seg.text, re, (p) => {
      words.set(p, (words.get(p) ?? 0) + 1);
      pieces++;
    });
  }
  return { words, pieces };
}

/** Train a byte-level BPE tokenizer with vocabSize ids in all (256 bytes + merges + specials). */
export function trainBpe(text: string, vocabSize: number, opts: TrainBpeOptions = {}): TrainBpeResult {
  const t0 = performance.now();
  const pattern = opts.pattern ?? GPT2_PATTERN;
  const specials = opts.specialTokens ?? [];
  const minFreq = opts.minFrequency ?? 1;
  const every = opts.progressEvery ?? 64;
  const totalMerges = vocabSize - 256 - specials.length;
  if (!Number.isInteger(vocabSize) || totalMerges < 0 || vocabSize > MAX_ID) {
    throw new Error(`vocabSize must be an integer in [${256 + specials.length}, ${MAX_ID}]`);
  }
  opts.onProgress?.({ phase: 'count', merges: 0, totalMerges });

  // 1. unique words with weights
  const { words: wordCounts, pieces } = countWords(text, pattern, specials);
  const words: number[][] = [];
  const freq: number[] = [];
  let tokens = 0;
  let bytes = 0;
  for (const [w, f] of wordCounts) {
    const b: number[] = [];
    utf8Push(w, b);
    words.push(b);
    freq.push(f);
    tokens += b.length * f;
  }
  bytes = tokens;

  // 2. pair counts and where each pair occurs (word indices, may hold stale entries)
  const counts = new Map<number, number>();
  const where = new Map<number, number[]>();
  const addWhere = (k: number, w: number) => {
    const list = where.get(k);
    if (list === undefined) where.set(k, [w]);
    else if (list[list.length - 1] !== w) list.push(w);
  };
  for (let w = 0; w < words.length; w++) {
    const word = words[w];
    const f = freq[w];
    for (let i = 0; i + 1 < word.length; i++) {
      const k = pairKey(word[i], word[i + 1]);
      counts.set(k, (counts.get(k) ?? 0) + f);
      addWhere(k, w);
    }
  }
  const heap = new PairHeap();
  for (const [k, c] of counts) heap.push(-c, k);

  // 3. merge loop
  const merges: [number, number][] = [];
  const trace: MergeStep[] = [];
  const seen = new Int32Array(words.length).fill(-1);
  let stoppedEarly = false;
  while (merges.length < totalMerges) {
    let best = -1;
    let bestCount = 0;
    while (heap.size > 0) {
      const c = -(heap.topPrimary() as number);
      const k = heap.topSecondary() as number;
      heap.pop();
      if (counts.get(k) === c) {
        best = k;
        bestCount = c;
        break;
      }
    }
    if (best < 0 || bestCount < minFreq) {
      stoppedEarly = true;
      break;
    }
    const [a, b] = unpairKey(best);
    const z = 256 + merges.length;
    const step = merges.length;
    const before = tokens;
    const delta = new Map<number, number>();
    const bump = (k: number, d: number) => delta.set(k, (delta.get(k) ?? 0) + d);
    let touched = 0;
    for (const w of where.get(best) ?? []) {
      if (seen[w] === step) continue;
      seen[w] = step;
      const word = words[w];
      const f = freq[w];
      // rewrite the word; only pairs touching an occurrence change (count each once:
      // an occurrence right after another shares its left pair with that one's right pair)
      const nw: number[] = [];
      let lastEnd = -1;
      for (let i = 0; i < word.length; ) {
        if (i + 1 < word.length && word[i] === a && word[i + 1] === b) {
          if (i > 0 && lastEnd !== i) bump(pairKey(word[i - 1], a), -f);
          bump(best, -f);
          if (i + 2 < word.length) bump(pairKey(b, word[i + 2]), -f);
          nw.push(z);
          i += 2;
          lastEnd = i;
        } else nw.push(word[i++]);
      }
      if (nw.length === word.length) continue; // stale entry: the pair is no longer in this word
      for (let j = 0; j < nw.length; j++) {
        if (nw[j] !== z) continue;
        if (j > 0 && nw[j - 1] !== z) {
          const k = pairKey(nw[j - 1], z);
          bump(k, f);
          addWhere(k, w);
        }
        if (j + 1 < nw.length) {
          const k = pairKey(z, nw[j + 1]);
          bump(k, f);
          addWhere(k, w);
        }
      }
      tokens -= (word.length - nw.length) * f;
      words[w] = nw;
      touched++;
    }
    where.delete(best);
    for (const [k, d] of delta) {
      if (d === 0) continue;
      const c = (counts.get(k) ?? 0) + d;
      if (c <= 0) counts.delete(k);
      else {
        counts.set(k, c);
        heap.push(-c, k);
      }
    }
    merges.push([a, b]);
    trace.push({ rank: step, pair: [a, b], id: z, count: bestCount, tokensBefore: before, tokensAfter: tokens, words: touched });
    if (opts.onProgress && merges.length % every === 0) opts.onProgress({ phase: 'merge', merges: merges.length, totalMerges });
  }

  const specialMap = new Map<string, number>();
  specials.forEach((s, i) => specialMap.set(s, 256 + merges.length + i));
  const name = opts.name ?? `BPE ${256 + merges.length + specials.length}`;
  const tokenizer = new BpeTokenizer(fromMerges(merges, pattern, specialMap), name);
  opts.onProgress?.({ phase: 'done', merges: merges.length, totalMerges });
  return {
    tokenizer,
    merges,
    trace,
    vocab: tokenizer.model.vocab as Uint8Array[],
    stats: { bytes, pieces, uniqueWords: words.length, ms: performance.now() - t0, stoppedEarly },
  };
}

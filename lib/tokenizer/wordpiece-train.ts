/**
 * WordPiece training (as described for BERT's WordPiece in the Hugging Face course): start from
 * characters — the first character of a word as is, the others with "##" — and repeatedly merge
 * the pair with the best likelihood score
 *
 *     score(a, b) = count(ab) / (count(a) · count(b))
 *
 * (frequent together, rare apart), until the vocabulary has vocabSize entries.
 * The merged token is a + b without b's "##". Pair counts are kept incrementally over unique
 * words (as in train.ts); scores change whenever count(a) or count(b) changes, so every merge
 * rescans the (small) table of live pairs instead of using a heap.
 *
 * Tie rule: highest score, then highest pair count, then smallest a, then smallest b (ids:
 * specials, then the alphabet sorted by code point, then merges in order).
 *
 * Example (HF course corpus): hug×10 pug×5 pun×12 bun×4 hugs×5 → first merge (##g, ##s) → ##gs
 * (score 5/(20·5) = 1/20, every other pair scores 1/36).
 */
import { pairKey, unpairKey } from './model';
import { CONT, WP_SPECIALS, WordPieceTokenizer, wordpiecePretokenize } from './wordpiece';

export interface WpMergeStep {
  pair: [string, string];
  token: string;
  id: number;
  score: number;
  count: number;
}

export interface TrainWordPieceOptions {
  lowercase?: boolean;
  stripAccents?: boolean;
  specialTokens?: readonly string[];
  name?: string;
  onProgress?: (done: number, total: number) => void;
}

export function trainWordPiece(
  text: string,
  vocabSize: number,
  opts: TrainWordPieceOptions = {},
): { tokenizer: WordPieceTokenizer; trace: WpMergeStep[] } {
  const lowercase = opts.lowercase ?? false;
  const stripAccents = opts.stripAccents ?? false;
  const specials = opts.specialTokens ?? WP_SPECIALS;
  if (!specials.includes('[UNK]')) throw new Error('specialTokens must include [UNK]');

  const wordCounts = new Map<string, number>();
  for (const w of wordpiecePretokenize(text, lowercase, stripAccents)) {
    const k = w.chars.join('\u0000');
    wordCounts.set(k, (wordCounts.get(k) ?? 0) + 1);
  }
  // alphabet: initial and continuation forms, sorted by code point for determinism
  const alphabet = new Set<string>();
  for (const k of wordCounts.keys()) k.split('\u0000').forEach((c, i) => alphabet.add(i === 0 ? c : CONT + c));
  const vocab: string[] = [...specials, ...[...alphabet].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))];
  const idOf = new Map(vocab.map((t, i) => [t, i]));

  const words: number[][] = [];
  const freq: number[] = [];
  const tc: number[] = new Array(vocab.length).fill(0);
  for (const [k, f] of wordCounts) {
    const ids = k.split('\u0000').map((c, i) => idOf.get(i === 0 ? c : CONT + c) as number);
    words.push(ids);
    freq.push(f);
    for (const id of ids) tc[id] += f;
  }
  const pc = new Map<number, number>();
  const where = new Map<number, number[]>();
  const addWhere = (k: number, w: number) => {
    const l = where.get(k);
    if (l === undefined) where.set(k, [w]);
    else if (l[l.length - 1] !== w) l.push(w);
  };
  words.forEach((ids, w) => {
    for (let i = 0; i + 1 < ids.length; i++) {
      const k = pairKey(ids[i], ids[i + 1]);
      pc.set(k, (pc.get(k) ?? 0) + freq[w]);
      addWhere(k, w);
    }
  });

  const trace: WpMergeStep[] = [];
  const seen = new Int32Array(words.length).fill(-1);
  const target = vocabSize - vocab.length;
  let step = 0;
  while (vocab.length < vocabSize) {
    let best = -1;
    let bestScore = -1;
    let bestCount = 0;
    for (const [k, c] of pc) {
      const [a, b] = unpairKey(k);
      const s = c / (tc[a] * tc[b]);
      if (s > bestScore || (s === bestScore && (c > bestCount || (c === bestCount && k < best)))) {
        best = k;
        bestScore = s;
        bestCount = c;
      }
    }
    if (best < 0) break;
    const [a, b] = unpairKey(best);
    const tokA = vocab[a];
    const tokB = vocab[b];
    const token = tokA + (tokB.startsWith(CONT) ? tokB.slice(CONT.length) : tokB);
    let z = idOf.get(token);
    if (z === undefined) {
      z = vocab.length;
      vocab.push(token);
      idOf.set(token, z);
      tc.push(0);
    }
    const delta = new Map<number, number>();
    const bump = (k: number, d: number) => delta.set(k, (delta.get(k) ?? 0) + d);
    for (const w of where.get(best) ?? []) {
      if (seen[w] === step) continue;
      seen[w] = step;
      const word = words[w];
      const f = freq[w];
      const nw: number[] = [];
      for (let i = 0; i < word.length; ) {
        if (i + 1 < word.length && word[i] === a && word[i + 1] === b) {
          nw.push(z);
          tc[a] -= f;
          tc[b] -= f;
          tc[z] += f;
          i += 2;
        } else nw.push(word[i++]);
      }
      if (nw.length === word.length) continue;
      for (let i = 0; i + 1 < word.length; i++) bump(pairKey(word[i], word[i + 1]), -f);
      for (let i = 0; i + 1 < nw.length; i++) {
        const k = pairKey(nw[i], nw[i + 1]);
        bump(k, f);
        if (nw[i] === z || nw[i + 1] === z) addWhere(k, w);
      }
      words[w] = nw;
    }
    where.delete(best);
    for (const [k, d] of delta) {
      const c = (pc.get(k) ?? 0) + d;
      if (c <= 0) pc.delete(k);
      else pc.set(k, c);
    }
    trace.push({ pair: [tokA, tokB], token, id: z, score: bestScore, count: bestCount });
    step++;
    opts.onProgress?.(step, target);
  }
  return { tokenizer: new WordPieceTokenizer(vocab, { lowercase, stripAccents, name: opts.name }), trace };
}

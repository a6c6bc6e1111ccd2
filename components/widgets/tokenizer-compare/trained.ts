/**
 * The tokenizers the comparison trains in the page on the built-in corpus (corpus.ts): our
 * byte-level BPE, WordPiece and Unigram, all at the same vocabulary size. Trained once per
 * size and page (about 0.3 s together on a laptop), shared with the unigram-samples widget.
 */
import type { BpeTokenizer, UnigramTokenizer, WordPieceTokenizer } from '@/lib/tokenizer';
import { CORPUS } from './corpus';

export interface TrainedSet {
  bpe: BpeTokenizer;
  wordpiece: WordPieceTokenizer;
  unigram: UnigramTokenizer;
}

const sets = new Map<number, Promise<TrainedSet>>();
const unigrams = new Map<number, Promise<UnigramTokenizer>>();

export function trainedUnigram(vocab: number): Promise<UnigramTokenizer> {
  let p = unigrams.get(vocab);
  if (!p) {
    p = import('@/lib/tokenizer').then((lib) => lib.trainUnigram(CORPUS, vocab, { name: `Unigram ${vocab}` }).tokenizer);
    unigrams.set(vocab, p);
  }
  return p;
}

export function trainedSet(vocab: number): Promise<TrainedSet> {
  let p = sets.get(vocab);
  if (!p) {
    p = import('@/lib/tokenizer').then(async (lib) => ({
      bpe: lib.trainBpe(CORPUS, vocab, { name: `BPE ${vocab}` }).tokenizer,
      wordpiece: lib.trainWordPiece(CORPUS, vocab, { name: `WordPiece ${vocab}` }).tokenizer,
      unigram: await trainedUnigram(vocab),
    }));
    sets.set(vocab, p);
  }
  return p;
}

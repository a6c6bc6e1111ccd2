/**
 * The tokenizers the comparison trains in the page on the built-in corpus (corpus.ts): our
 * byte-level BPE, WordPiece and Unigram, all at the same vocabulary size. Training runs in
 * lib/tokenizer's Web Worker (about 0.3 s together, off the main thread, so the lesson does not
 * stall while it loads); where there is no Worker (tests in jsdom) it runs in place.
 * Trained once per size and page; shared with the unigram-samples widget.
 */
import type { BpeTokenizer, Tokenizer, UnigramTokenizer, WordPieceTokenizer } from '@/lib/tokenizer';
import { CORPUS } from './corpus';

export interface TrainedSet {
  bpe: BpeTokenizer;
  wordpiece: WordPieceTokenizer;
  unigram: UnigramTokenizer;
}

type Kind = 'bpe' | 'wordpiece' | 'unigram';
const NAMES: Record<Kind, string> = { bpe: 'BPE', wordpiece: 'WordPiece', unigram: 'Unigram' };

let client: Promise<{ train: (kind: Kind, vocab: number) => Promise<Tokenizer> }> | null = null;

/** One worker for all live training of the page, started on first use. */
function workerTrainer() {
  client ??= import('@/lib/tokenizer').then((lib) => {
    const worker = new Worker(new URL('../../../lib/tokenizer/worker.ts', import.meta.url), { type: 'module', name: 'tokenizer-compare' });
    const c = new lib.TokenizerWorkerClient(worker as unknown as ConstructorParameters<typeof lib.TokenizerWorkerClient>[0]);
    return {
      train: async (kind: Kind, vocab: number) => {
        const m = await c.train(kind, CORPUS, vocab, { name: `${NAMES[kind]} ${vocab}` });
        void c.dispose(m.handle); // the page keeps its own copy, rebuilt from the JSON
        return lib.reviveTokenizer(m.json);
      },
    };
  });
  return client;
}

async function trainInPlace(kind: Kind, vocab: number): Promise<Tokenizer> {
  const lib = await import('@/lib/tokenizer');
  const name = `${NAMES[kind]} ${vocab}`;
  if (kind === 'bpe') return lib.trainBpe(CORPUS, vocab, { name }).tokenizer;
  if (kind === 'wordpiece') return lib.trainWordPiece(CORPUS, vocab, { name }).tokenizer;
  return lib.trainUnigram(CORPUS, vocab, { name }).tokenizer;
}

const cache = new Map<string, Promise<Tokenizer>>();

function trained(kind: Kind, vocab: number): Promise<Tokenizer> {
  const key = `${kind}:${vocab}`;
  let p = cache.get(key);
  if (!p) {
    p = typeof Worker === 'undefined' ? trainInPlace(kind, vocab) : workerTrainer().then((w) => w.train(kind, vocab));
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

export function trainedUnigram(vocab: number): Promise<UnigramTokenizer> {
  return trained('unigram', vocab) as Promise<UnigramTokenizer>;
}

export async function trainedSet(vocab: number): Promise<TrainedSet> {
  const [bpe, wordpiece, unigram] = await Promise.all([trained('bpe', vocab), trained('wordpiece', vocab), trained('unigram', vocab)]);
  return { bpe: bpe as BpeTokenizer, wordpiece: wordpiece as WordPieceTokenizer, unigram: unigram as UnigramTokenizer };
}

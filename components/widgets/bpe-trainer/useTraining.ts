'use client';
/**
 * Runs BPE training for (corpus, vocab) when `wanted` is true: on the main thread for small
 * corpora, in lib/tokenizer's Web Worker above MAX_MAIN_THREAD_TRAIN_BYTES (with progress).
 */
import { useEffect, useState } from 'react';
import type { BpeTokenizer, MergeStep } from '@/lib/tokenizer';

export interface Trained {
  key: string;
  tokenizer: BpeTokenizer;
  trace: MergeStep[];
  bytes: number;
  ms: number;
  where: 'page' | 'worker';
}

export type TrainStatus =
  | { state: 'idle' }
  | { state: 'training'; done: number; total: number; where: 'page' | 'worker' }
  | { state: 'error'; message: string };

export const trainKey = (corpus: string, vocab: number) => `${vocab}\u0000${corpus}`;

async function trainInPage(corpus: string, vocab: number): Promise<Omit<Trained, 'key'>> {
  const { trainBpe } = await import('@/lib/tokenizer');
  const t0 = performance.now();
  const r = trainBpe(corpus, vocab, { name: 'BPE (your corpus)' });
  return { tokenizer: r.tokenizer, trace: r.trace, bytes: r.stats.bytes, ms: performance.now() - t0, where: 'page' };
}

/** Train in a fresh worker; `signal` aborting terminates it (a newer corpus or vocabulary). */
async function trainInWorker(corpus: string, vocab: number, onProgress: (done: number, total: number) => void, signal: AbortSignal): Promise<Omit<Trained, 'key'>> {
  const lib = await import('@/lib/tokenizer');
  const worker = new Worker(new URL('../../../lib/tokenizer/worker.ts', import.meta.url), { type: 'module', name: 'bpe-trainer' });
  const stop = () => worker.terminate();
  signal.addEventListener('abort', stop);
  try {
    const client = new lib.TokenizerWorkerClient(worker as unknown as ConstructorParameters<typeof lib.TokenizerWorkerClient>[0]);
    const m = await client.train('bpe', corpus, vocab, { name: 'BPE (your corpus)' }, (p) => onProgress(p.done, p.total));
    const tokenizer = lib.reviveTokenizer(m.json) as BpeTokenizer;
    return { tokenizer, trace: m.trace as MergeStep[], bytes: new TextEncoder().encode(corpus).length, ms: m.ms, where: 'worker' };
  } finally {
    signal.removeEventListener('abort', stop);
    stop();
  }
}

export function useTraining(corpus: string, vocab: number, wanted: boolean, mainThreadLimit: number) {
  const [trained, setTrained] = useState<Trained | null>(null);
  const [status, setStatus] = useState<TrainStatus>({ state: 'idle' });
  const key = trainKey(corpus, vocab);
  useEffect(() => {
    if (!wanted || trained?.key === key) return;
    let live = true;
    const abort = new AbortController();
    const where = corpus.length > mainThreadLimit ? 'worker' : 'page';
    setStatus({ state: 'training', done: 0, total: vocab - 256, where });
    // let the "Training…" message paint before a main-thread run blocks
    const timer = setTimeout(() => {
      const run = where === 'worker' ? trainInWorker(corpus, vocab, (done, total) => live && setStatus({ state: 'training', done, total, where }), abort.signal) : trainInPage(corpus, vocab);
      run.then(
        (r) => {
          if (!live) return;
          setTrained({ ...r, key });
          setStatus({ state: 'idle' });
        },
        (e: unknown) => live && setStatus({ state: 'error', message: e instanceof Error ? e.message : String(e) }),
      );
    }, 0);
    return () => {
      live = false;
      clearTimeout(timer);
      abort.abort();
    };
  }, [key, wanted]); // eslint-disable-line react-hooks/exhaustive-deps -- key covers corpus and vocab
  return { trained: trained?.key === key ? trained : null, stale: trained !== null && trained.key !== key ? trained : null, status };
}

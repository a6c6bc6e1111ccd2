'use client';
/**
 * lm's token-embedding table tok_emb.weight [4096, 128] (the shipped fp16 weights, fetched once
 * per page and sha256-checked by lib/model/weights.ts, widened to float32) and the lab's BPE
 * tokenizer. No model runs: the embedding widgets only read this one matrix.
 */
import { useEffect, useState } from 'react';
import { sharedTokenizer, type TokenizerLike } from '@/components/lesson/live-model';
import { rowNorms } from '@/lib/interp/neighbours';
import { fetchModelWeights } from '@/lib/runtime/transformer';
import { sitePath } from '@/components/site-base';

export interface EmbeddingTable {
  /** Row-major [V, d]. */
  table: Float32Array;
  V: number;
  d: number;
  norms: Float64Array;
  tok: TokenizerLike;
  /** Whether lm's output layer reuses this matrix (config.tiedEmbeddings). */
  tied: boolean;
}

export interface TableView {
  phase: 'loading' | 'ready' | 'error';
  loaded: number;
  total: number;
  data?: EmbeddingTable;
  error?: string;
}

let once: Promise<EmbeddingTable> | null = null;
let listeners: ((loaded: number, total: number) => void)[] = [];

function loadOnce(): Promise<EmbeddingTable> {
  once ??= (async () => {
    const [w, tok] = await Promise.all([
      fetchModelWeights('lm', sitePath('models/'), (p) => {
        if (p.phase === 'download') for (const f of listeners) f(p.loaded, p.total ?? 0);
      }),
      sharedTokenizer(),
    ]);
    const t = w.weights.get('tok_emb.weight');
    if (!t) throw new Error('lm has no tok_emb.weight');
    const [V, d] = t.shape;
    const table = t.data as Float32Array;
    return { table, V, d, norms: rowNorms(table, V, d), tok, tied: w.config.tiedEmbeddings };
  })();
  once.catch(() => (once = null));
  return once;
}

export function useEmbeddingTable(): TableView {
  const [v, setV] = useState<TableView>({ phase: 'loading', loaded: 0, total: 0 });
  useEffect(() => {
    let live = true;
    const onProgress = (loaded: number, total: number) => live && setV((s) => ({ ...s, loaded, total }));
    listeners.push(onProgress);
    loadOnce().then(
      (data) => live && setV({ phase: 'ready', loaded: 1, total: 1, data }),
      (e: unknown) => live && setV({ phase: 'error', loaded: 0, total: 0, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
      listeners = listeners.filter((f) => f !== onProgress);
    };
  }, []);
  return v;
}

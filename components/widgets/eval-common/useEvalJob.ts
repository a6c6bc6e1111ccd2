'use client';
/**
 * The live-evaluation loop the Measuring widgets share: load the models they need (download
 * progress), pick the engine, then run a job that calls the model worker (onnxruntime-web,
 * off the main thread) one forward at a time, with progress and Cancel. Results are cached by
 * key; after the first Run, a control change that alters the key re-runs the job (debounced).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { setBackendStatus } from '@/components/ui/backend-status';
import { friendlyError, type Deps, type TokenizerLike } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { EvalForward } from '@/lib/eval/forward';
import type { Backend, BackendChoice, Progress } from '@/lib/runtime/protocol';

export type Phase = 'idle' | 'loading' | 'running' | 'ready' | 'cancelled' | 'error';
export type EngineChoice = 'auto' | 'webgpu' | 'wasm';

export interface JobContext {
  forward(model: string): EvalForward;
  tok: TokenizerLike;
  signal: AbortSignal;
  progress(done: number, total: number): void;
}

export interface JobView {
  phase: Phase;
  download: Progress | null;
  done: number;
  total: number;
  choice: BackendChoice | null;
  ran: Partial<Record<string, Backend>>;
  error: string | null;
}

const IDLE: JobView = { phase: 'idle', download: null, done: 0, total: 0, choice: null, ran: {}, error: null };
const DEBOUNCE_MS = 300;

export function useEvalJob<R>(deps: Deps, models: readonly string[], backend: EngineChoice, key: string, job: (c: JobContext) => Promise<R>) {
  const [view, setView] = useState<JobView>(IDLE);
  const [, bump] = useState(0);
  const cache = useRef(new Map<string, R>());
  const abort = useRef<AbortController | null>(null);
  const started = useRef(false);
  const patch = (p: Partial<JobView>) => setView((v) => ({ ...v, ...p }));
  const modelKey = models.join(',');

  const compute = useCallback(async () => {
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    const mine = () => abort.current === ac;
    if (cache.current.has(key)) return patch({ phase: 'ready' });
    patch({ phase: 'running', done: 0, total: 0, error: null });
    try {
      const [client, tok] = await Promise.all([deps.client(), deps.tokenizer()]);
      const first = modelKey.split(',')[0];
      const choice = backend === 'auto'
        ? await client.choose(first, 'prefill')
        : { backend, reason: `${backend === 'webgpu' ? 'WebGPU' : 'WASM'} chosen by you (Engine override)` };
      setBackendStatus({ backend: choice.backend, reason: choice.reason });
      if (mine()) patch({ choice });
      const forward = (model: string): EvalForward => async (ids) => {
        const feed = { [names.ids()]: { dtype: 'int64' as const, dims: [1, ids.length], data: BigInt64Array.from(ids, (x) => BigInt(x)) } };
        const r = await client.run(model, 'logits', feed, { workload: 'prefill', ...(backend === 'auto' ? {} : { backend }) });
        if (mine()) setView((v) => (v.ran[model] === r.backend ? v : { ...v, ran: { ...v.ran, [model]: r.backend } }));
        const out = r.outputs[names.logits()];
        return { logits: out.data as Float32Array, vocab: out.dims[2] };
      };
      const result = await job({ forward, tok, signal: ac.signal, progress: (done, total) => mine() && patch({ done, total }) });
      cache.current.set(key, result);
      bump((x) => x + 1);
      if (mine()) patch({ phase: 'ready' });
    } catch (e) {
      if (!mine()) return;
      if (ac.signal.aborted) return patch({ phase: 'cancelled' });
      patch({ phase: 'error', error: friendlyError(e) });
    }
    // job identity changes every render; the key says when the work changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deps, key, backend, modelKey]);

  const start = useCallback(async () => {
    patch({ phase: 'loading', error: null });
    try {
      const client = await deps.client();
      for (const m of modelKey.split(',')) await client.load(m, { onProgress: (download) => patch({ download: { ...download, file: m } }) });
      patch({ download: null });
      started.current = true;
      await compute();
    } catch (e) {
      patch({ phase: 'error', error: friendlyError(e) });
    }
  }, [deps, compute, modelKey]);

  const cancel = useCallback(() => abort.current?.abort(), []);

  useEffect(() => {
    if (!started.current) return;
    const h = setTimeout(() => void compute(), DEBOUNCE_MS);
    return () => clearTimeout(h);
  }, [compute]);

  useEffect(() => () => abort.current?.abort(), []);

  return { view, result: cache.current.get(key) ?? null, start, cancel };
}

/** UTF-8 bytes of the text of some ids (exact for the lab's byte-level BPE when it has decodeBytes). */
export function bytesOfIds(tok: TokenizerLike, ids: readonly number[]): number {
  const t = tok as TokenizerLike & { decodeBytes?: (ids: readonly number[]) => Uint8Array };
  return t.decodeBytes ? t.decodeBytes(ids).length : new TextEncoder().encode(tok.decode(ids)).length;
}

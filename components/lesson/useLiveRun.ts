'use client';
/**
 * Load `lm` once (progress, backend choice), then run one graph variant over a list of token ids
 * whenever they or the engine change (debounced after the first run), keeping what `read` makes of
 * the outputs. A newer request wins: a run that finishes after a later one started is dropped.
 * Shared by the attention widgets (the 'taps' graph) and the logit-lens widgets (the 'lens' graph).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { setBackendStatus } from '@/components/ui/backend-status';
import { friendlyError, MODEL_ID, type Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { Backend, BackendChoice, BackendPreference, Progress, WireTensor } from '@/lib/runtime/protocol';

export type Phase = 'idle' | 'loading' | 'running' | 'ready' | 'error';

export interface LiveRunView<S, R> {
  phase: Phase;
  progress: Progress | null;
  choice: BackendChoice | null;
  /** The model's config as the worker reported it. */
  shape: S | null;
  /** What `read` made of the last finished run. */
  result: R | null;
  ran: Backend | null;
  runMs: number | null;
  /** From the ids changing (a control change) to the result arriving in the page. */
  updateMs: number | null;
  /** Finished runs so far (the first one also sets up the engine, so its time is not a control change). */
  runs: number;
  error: string | null;
}

export const LIVE_DEBOUNCE_MS = 200;

/** ids [T] → the int64 feed [1, T] of the ids input. */
export const idsFeed = (ids: readonly number[]): Record<string, WireTensor> => ({
  [names.ids()]: { dtype: 'int64', dims: [1, ids.length], data: BigInt64Array.from(ids, (i) => BigInt(i)) },
});

const empty = <S, R>(): LiveRunView<S, R> => ({ phase: 'idle', progress: null, choice: null, shape: null, result: null, ran: null, runMs: null, updateMs: null, runs: 0, error: null });

/** ids: what to run (null = nothing yet, e.g. the tokenizer is still loading). */
export function useLiveRun<S, R>(
  deps: Deps,
  variant: string,
  ids: readonly number[] | null,
  backend: BackendPreference,
  read: (ids: readonly number[], outputs: Record<string, WireTensor>, shape: S) => R,
) {
  const [view, setView] = useState<LiveRunView<S, R>>(empty);
  const [loaded, setLoaded] = useState(false);
  const seq = useRef(0);
  const lastKey = useRef<string | null>(null);
  const reader = useRef(read);
  reader.current = read;
  const patch = useCallback((p: Partial<LiveRunView<S, R>>) => setView((v) => ({ ...v, ...p })), []);

  const forward = useCallback(async (run: readonly number[], shape: S, pref: BackendPreference, t0: number) => {
    const my = ++seq.current;
    patch({ phase: 'running' });
    const client = await deps.client();
    // a forced engine goes with this run only, so other widgets on the page keep their own choice
    const r = await client.run(MODEL_ID, variant, idsFeed(run), { workload: 'prefill', ...(pref === 'auto' ? {} : { backend: pref }) });
    if (my !== seq.current) return; // a newer request is on its way
    const updateMs = performance.now() - t0;
    const result = reader.current(run, r.outputs, shape);
    setView((v) => ({ ...v, phase: 'ready', result, ran: r.backend, runMs: r.ms, updateMs, runs: v.runs + 1 }));
  }, [deps, variant, patch]);

  const load = useCallback(async () => {
    patch({ phase: 'loading', error: null });
    try {
      const client = await deps.client();
      const res = await client.load(MODEL_ID, { onProgress: (progress) => patch({ progress }) });
      const shape = res.info.config as S;
      const choice = await client.choose(MODEL_ID, 'prefill');
      setBackendStatus({ backend: choice.backend, reason: choice.reason });
      patch({ choice, shape, phase: 'ready' });
      setLoaded(true);
    } catch (e) {
      patch({ phase: 'error', error: friendlyError(e) });
    }
  }, [deps, patch]);

  useEffect(() => {
    const shape = view.shape;
    if (!loaded || !shape || !ids || ids.length === 0) return;
    const key = `${backend}|${ids.join(',')}`;
    if (key === lastKey.current) return;
    const t0 = performance.now();
    const h = setTimeout(() => {
      lastKey.current = key;
      forward(ids, shape, backend, t0).catch((e: unknown) => patch({ phase: 'error', error: friendlyError(e) }));
    }, lastKey.current === null ? 0 : LIVE_DEBOUNCE_MS);
    return () => clearTimeout(h);
  }, [loaded, view.shape, ids, backend, deps, forward, patch]);

  return { view, load };
}

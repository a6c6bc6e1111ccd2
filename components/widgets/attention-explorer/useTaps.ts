'use client';
/**
 * Shared by the attention widgets: load `lm` once (progress, backend choice), then run the
 * 'taps' graph (every tap as an output) over a list of token ids whenever it changes (debounced),
 * keeping only what the attention figures read: q, k and the attention probabilities per layer,
 * and the logits. `backend` forces an engine ('auto' = the runtime's measured choice).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { setBackendStatus } from '@/components/ui/backend-status';
import { friendlyError, MODEL_ID, type Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { Backend, BackendChoice, BackendPreference, Progress, WireTensor } from '@/lib/runtime/protocol';

export type Phase = 'idle' | 'loading' | 'running' | 'ready' | 'error';

/** A float32 tap as it came back from the worker. */
export interface F32 {
  data: Float32Array;
  dims: number[];
}

/** One layer's taps: q [1, nh, T, hs], k [1, nkv, T, hs], probs [1, nh, T, T]. */
export interface LayerTaps {
  q: F32;
  k: F32;
  probs: F32;
  /** v [1, nkv, T, hs] (read by flash-tiling; absent in fakes that do not send it) */
  v?: F32;
}

export interface ModelShape {
  nLayer: number;
  nHead: number;
  nKvHead: number;
  dModel: number;
  contextLength: number;
  vocabSize: number;
}

export interface TapsView {
  phase: Phase;
  progress: Progress | null;
  choice: BackendChoice | null;
  shape: ModelShape | null;
  /** The ids of the last finished run, its taps, logits [1, T, V], which engine ran it and how long. */
  ids: number[];
  layers: LayerTaps[];
  logits: WireTensor | null;
  ran: Backend | null;
  runMs: number | null;
  /** From the ids changing (control change) to the taps arriving in the page. */
  updateMs: number | null;
  /** Finished runs so far (the first one also sets up the engine, so its time is not a control change). */
  runs: number;
  error: string | null;
}

const EMPTY: TapsView = { phase: 'idle', progress: null, choice: null, shape: null, ids: [], layers: [], logits: null, ran: null, runMs: null, updateMs: null, runs: 0, error: null };
const DEBOUNCE_MS = 200;

const idsFeed = (ids: readonly number[]): Record<string, WireTensor> => ({
  [names.ids()]: { dtype: 'int64', dims: [1, ids.length], data: BigInt64Array.from(ids, (i) => BigInt(i)) },
});

export function layerTaps(outputs: Record<string, WireTensor>, nLayer: number): LayerTaps[] {
  return Array.from({ length: nLayer }, (_, l) => {
    const f32 = (name: string): F32 => {
      const t = outputs[name];
      if (!t || t.dtype !== 'float32' || t.dims.length !== 4) throw new Error(`the taps run returned no float32 [1, n, T, X] ${name}`);
      return { data: t.data as Float32Array, dims: t.dims };
    };
    return { q: f32(names.q(l)), k: f32(names.k(l)), probs: f32(names.attnProbs(l)), ...(outputs[names.v(l)] ? { v: f32(names.v(l)) } : {}) };
  });
}

/** ids: what to run (null = nothing yet, e.g. the tokenizer is still loading). */
export function useTaps(deps: Deps, ids: readonly number[] | null, backend: BackendPreference) {
  const [view, setView] = useState<TapsView>(EMPTY);
  const [loaded, setLoaded] = useState(false);
  const seq = useRef(0);
  const lastKey = useRef<string | null>(null);
  const patch = (p: Partial<TapsView>) => setView((v) => ({ ...v, ...p }));

  const forward = useCallback(async (run: readonly number[], shape: ModelShape, pref: BackendPreference, t0: number) => {
    const my = ++seq.current;
    patch({ phase: 'running' });
    const client = await deps.client();
    // a forced engine goes with this run only, so other widgets on the page keep their own choice
    const r = await client.run(MODEL_ID, 'taps', idsFeed(run), { workload: 'prefill', ...(pref === 'auto' ? {} : { backend: pref }) });
    if (my !== seq.current) return; // a newer request is on its way
    const updateMs = performance.now() - t0;
    setView((v) => ({ ...v, phase: 'ready', ids: [...run], layers: layerTaps(r.outputs, shape.nLayer), logits: r.outputs[names.logits()] ?? null, ran: r.backend, runMs: r.ms, updateMs, runs: v.runs + 1 }));
  }, [deps]);

  const load = useCallback(async () => {
    patch({ phase: 'loading', error: null });
    try {
      const client = await deps.client();
      const res = await client.load(MODEL_ID, { onProgress: (progress) => patch({ progress }) });
      const shape = res.info.config as ModelShape;
      const choice = await client.choose(MODEL_ID, 'prefill');
      setBackendStatus({ backend: choice.backend, reason: choice.reason });
      patch({ choice, shape, phase: 'ready' });
      setLoaded(true);
    } catch (e) {
      patch({ phase: 'error', error: friendlyError(e) });
    }
  }, [deps]);

  useEffect(() => {
    const shape = view.shape;
    if (!loaded || !shape || !ids || ids.length === 0) return;
    const key = `${backend}|${ids.join(',')}`;
    if (key === lastKey.current) return;
    const t0 = performance.now();
    const h = setTimeout(() => {
      lastKey.current = key;
      forward(ids, shape, backend, t0).catch((e: unknown) => patch({ phase: 'error', error: friendlyError(e) }));
    }, lastKey.current === null ? 0 : DEBOUNCE_MS);
    return () => clearTimeout(h);
  }, [loaded, view.shape, ids, backend, deps, forward]);

  return { view, load };
}

export function statusText(v: TapsView, T: number): string {
  switch (v.phase) {
    case 'idle': return 'The model (about 4 MB) downloads when you press Load.';
    case 'loading': return v.progress?.phase === 'verify' ? 'Checking the model file (sha256)…' : 'Loading the model…';
    case 'running': return 'Running the model…';
    case 'ready': {
      if (!v.ran) return 'Model loaded.';
      const ran = `Ran all ${v.shape?.nLayer ?? '?'} layers on ${T} tokens in ${Math.round(v.runMs ?? 0)} ms`;
      return v.runs > 1 ? `${ran}; the picture updated ${Math.round(v.updateMs ?? 0)} ms after your change (including a ${DEBOUNCE_MS} ms pause that waits for you to stop typing).` : `${ran}.`;
    }
    case 'error': return 'Something went wrong (see above).';
  }
}

'use client';
/**
 * Shared by the attention widgets: load `lm` once (progress, backend choice), then run the
 * 'taps' graph (every tap as an output) over a list of token ids whenever it changes (debounced),
 * keeping only what the attention figures read: q, k and the attention probabilities per layer,
 * and the logits. `backend` forces an engine ('auto' = the runtime's measured choice).
 */
import { useMemo } from 'react';
import type { Deps } from '@/components/lesson/live-model';
import { LIVE_DEBOUNCE_MS, useLiveRun, type LiveRunView } from '@/components/lesson/useLiveRun';
import { names } from '@/lib/model/names';
import type { BackendPreference, WireTensor } from '@/lib/runtime/protocol';

export type { Phase } from '@/components/lesson/useLiveRun';

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

interface TapsResult {
  ids: number[];
  layers: LayerTaps[];
  logits: WireTensor | null;
}

/** The live run, with the ids of the last finished run, its taps and logits [1, T, V] spread in. */
export type TapsView = Omit<LiveRunView<ModelShape, TapsResult>, 'result'> & TapsResult;

const DEBOUNCE_MS = LIVE_DEBOUNCE_MS;

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
  const { view: live, load } = useLiveRun<ModelShape, TapsResult>(deps, 'taps', ids, backend, (run, outputs, shape) => ({
    ids: [...run],
    layers: layerTaps(outputs, shape.nLayer),
    logits: outputs[names.logits()] ?? null,
  }));
  const view = useMemo<TapsView>(() => {
    const { result, ...rest } = live;
    return { ...rest, ids: result?.ids ?? [], layers: result?.layers ?? [], logits: result?.logits ?? null };
  }, [live]);
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

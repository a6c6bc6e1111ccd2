'use client';
/**
 * Shared by the logit-lens and residual-stream widgets: load `lm` once (progress, backend
 * choice), then run its 'lens' graph (lib/interp/logit-lens.ts) over the token ids whenever they
 * change (debounced). One run returns the model's logits, the residual stream taps (embedding,
 * resid_mid and resid_post of every block) and the lens logits [L+1, T, V].
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { setBackendStatus } from '@/components/ui/backend-status';
import { friendlyError, MODEL_ID, type Deps, type TokenizerLike } from '@/components/lesson/live-model';
import { LENS_OUTPUT, LENS_VARIANT } from '@/lib/interp/lens-readout';
import { names } from '@/lib/model/names';
import type { Backend, BackendChoice, BackendPreference, Progress, WireTensor } from '@/lib/runtime/protocol';

export type Phase = 'idle' | 'loading' | 'running' | 'ready' | 'error';

export interface LensShape {
  nLayer: number;
  dModel: number;
  vocabSize: number;
}

/** What one run of the lens graph returned (flat float32 arrays). */
export interface LensRun {
  ids: number[];
  /** [L+1, T, V] */
  lens: Float32Array;
  lensDims: number[];
  /** [1, T, V] */
  logits: Float32Array;
  /** [1, T, C] each: the embedding, and per block resid_mid and resid_post. */
  embed: Float32Array;
  mid: Float32Array[];
  post: Float32Array[];
}

export interface LensView {
  phase: Phase;
  progress: Progress | null;
  choice: BackendChoice | null;
  shape: LensShape | null;
  run: LensRun | null;
  ran: Backend | null;
  runMs: number | null;
  /** From the ids changing (a control change) to the result arriving in the page. */
  updateMs: number | null;
  runs: number;
  error: string | null;
}

const EMPTY: LensView = { phase: 'idle', progress: null, choice: null, shape: null, run: null, ran: null, runMs: null, updateMs: null, runs: 0, error: null };
export const DEBOUNCE_MS = 200;
/** Tokens the widgets run (the graph takes any length up to the context; 64 keeps the grid readable). */
export const MAX_TOKENS = 64;

function f32(outputs: Record<string, WireTensor>, name: string): WireTensor & { data: Float32Array } {
  const t = outputs[name];
  if (!t || t.dtype !== 'float32') throw new Error(`the lens run returned no float32 ${name}`);
  return t as WireTensor & { data: Float32Array };
}

/** The wire outputs of the 'lens' variant → a LensRun. */
export function lensRun(ids: readonly number[], outputs: Record<string, WireTensor>, nLayer: number): LensRun {
  const lens = f32(outputs, LENS_OUTPUT);
  return {
    ids: [...ids],
    lens: lens.data,
    lensDims: lens.dims,
    logits: f32(outputs, names.logits()).data,
    embed: f32(outputs, names.embed()).data,
    mid: Array.from({ length: nLayer }, (_, l) => f32(outputs, names.residMid(l)).data),
    post: Array.from({ length: nLayer }, (_, l) => f32(outputs, names.residPost(l)).data),
  };
}

/** ids: what to run (null = nothing yet, e.g. the tokenizer is still loading). */
export function useLens(deps: Deps, ids: readonly number[] | null, backend: BackendPreference) {
  const [view, setView] = useState<LensView>(EMPTY);
  const [loaded, setLoaded] = useState(false);
  const seq = useRef(0);
  const lastKey = useRef<string | null>(null);
  const patch = (p: Partial<LensView>) => setView((v) => ({ ...v, ...p }));

  const forward = useCallback(async (run: readonly number[], shape: LensShape, pref: BackendPreference, t0: number) => {
    const my = ++seq.current;
    patch({ phase: 'running' });
    const client = await deps.client();
    const feeds = { [names.ids()]: { dtype: 'int64', dims: [1, run.length], data: BigInt64Array.from(run, (i) => BigInt(i)) } as WireTensor };
    const r = await client.run(MODEL_ID, LENS_VARIANT, feeds, { workload: 'prefill', ...(pref === 'auto' ? {} : { backend: pref }) });
    if (my !== seq.current) return; // a newer request is on its way
    const updateMs = performance.now() - t0;
    const result = lensRun(run, r.outputs, shape.nLayer);
    setView((v) => ({ ...v, phase: 'ready', run: result, ran: r.backend, runMs: r.ms, updateMs, runs: v.runs + 1 }));
  }, [deps]);

  const load = useCallback(async () => {
    patch({ phase: 'loading', error: null });
    try {
      const client = await deps.client();
      const res = await client.load(MODEL_ID, { onProgress: (progress) => patch({ progress }) });
      const shape = res.info.config as LensShape;
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

/** Tokenizer + lens run for a prompt: the ids (at most MAX_TOKENS), their texts, and start (= Load). */
export function usePromptLens(deps: Deps, text: string, backend: BackendPreference) {
  const [tok, setTok] = useState<TokenizerLike | null>(null);
  const all = useMemo(() => (tok ? tok.encode(text) : null), [tok, text]);
  const ids = useMemo(() => (all ? all.slice(0, MAX_TOKENS) : null), [all]);
  const { view, load } = useLens(deps, ids, backend);
  const start = useCallback(async () => {
    try {
      setTok(await deps.tokenizer());
    } catch {
      // load() reports the failure (the model and the tokenizer come from the same server)
    }
    await load();
  }, [deps, load]);
  const runIds = view.run?.ids;
  const tokens = useMemo(() => (runIds ?? []).map((i) => tok?.tokenText(i) ?? `#${i}`), [runIds, tok]);
  const tokenText = useCallback((i: number) => tok?.tokenText(i) ?? `#${i}`, [tok]);
  return { view, start, tokens, tokenText, cut: (all?.length ?? 0) > MAX_TOKENS };
}

export function statusText(v: LensView): string {
  switch (v.phase) {
    case 'idle': return 'The model (about 4 MB) downloads when you press Load.';
    case 'loading': return v.progress?.phase === 'verify' ? 'Checking the model file (sha256)…' : 'Loading the model…';
    case 'running': return 'Running the model…';
    case 'ready': {
      if (!v.run) return 'Model loaded.';
      const ran = `Ran all ${v.shape?.nLayer ?? '?'} blocks and the lens on ${v.run.ids.length} tokens in ${Math.round(v.runMs ?? 0)} ms`;
      return v.runs > 1 ? `${ran}; the picture updated ${Math.round(v.updateMs ?? 0)} ms after your change (including a ${DEBOUNCE_MS} ms pause that waits for you to stop typing).` : `${ran}.`;
    }
    case 'error': return 'Something went wrong (see above).';
  }
}

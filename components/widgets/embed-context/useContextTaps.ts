'use client';
/**
 * Loads `lm` in the model worker (progress, backend choice) and runs its 'taps' graph on two
 * token sequences whenever they change (debounced), keeping the residual stream of every layer:
 * tap.embed and tap.blocks.{l}.resid_post, each [1, T, C].
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { setBackendStatus } from '@/components/ui/backend-status';
import { friendlyError, MODEL_ID, type Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { Backend, BackendChoice, BackendPreference, Progress, WireTensor } from '@/lib/runtime/protocol';

export interface Residuals {
  ids: number[];
  /** layers[0] = embedding, layers[l] = output of block l − 1; each row-major [T, C]. */
  layers: Float32Array[];
}

export interface CtxView {
  phase: 'idle' | 'loading' | 'running' | 'ready' | 'error';
  progress: Progress | null;
  choice: BackendChoice | null;
  a: Residuals | null;
  b: Residuals | null;
  C: number;
  ran: Backend | null;
  /** From the inputs changing to both runs back (includes the debounce). */
  updateMs: number | null;
  runs: number;
  error: string | null;
}

const EMPTY: CtxView = { phase: 'idle', progress: null, choice: null, a: null, b: null, C: 0, ran: null, updateMs: null, runs: 0, error: null };
export const DEBOUNCE_MS = 200;

export function residuals(outputs: Record<string, WireTensor>, nLayer: number): Float32Array[] {
  return [names.embed(), ...Array.from({ length: nLayer }, (_, l) => names.residPost(l))].map((n) => {
    const t = outputs[n];
    if (!t || t.dtype !== 'float32' || t.dims.length !== 3) throw new Error(`the taps run returned no float32 [1, T, C] ${n}`);
    return t.data as Float32Array;
  });
}

export function useContextTaps(deps: Deps, idsA: readonly number[] | null, idsB: readonly number[] | null, backend: BackendPreference) {
  const [view, setView] = useState<CtxView>(EMPTY);
  const [shape, setShape] = useState<{ nLayer: number; dModel: number } | null>(null);
  const seq = useRef(0);
  const lastKey = useRef<string | null>(null);
  const patch = (p: Partial<CtxView>) => setView((v) => ({ ...v, ...p }));

  const load = useCallback(async () => {
    patch({ phase: 'loading', error: null });
    try {
      const client = await deps.client();
      const res = await client.load(MODEL_ID, { onProgress: (progress) => patch({ progress }) });
      const cfg = res.info.config as { nLayer: number; dModel: number };
      const choice = await client.choose(MODEL_ID, 'prefill');
      setBackendStatus({ backend: choice.backend, reason: choice.reason });
      patch({ choice, phase: 'ready', C: cfg.dModel });
      setShape(cfg);
    } catch (e) {
      patch({ phase: 'error', error: friendlyError(e) });
    }
  }, [deps]);

  useEffect(() => {
    if (!shape || !idsA || !idsB || idsA.length === 0 || idsB.length === 0) return;
    const key = `${backend}|${idsA.join(',')}|${idsB.join(',')}`;
    if (key === lastKey.current) return;
    const t0 = performance.now();
    const h = setTimeout(async () => {
      lastKey.current = key;
      const my = ++seq.current;
      patch({ phase: 'running' });
      try {
        const client = await deps.client();
        const opts = { workload: 'prefill' as const, ...(backend === 'auto' ? {} : { backend }) };
        const feed = (ids: readonly number[]) => ({ [names.ids()]: { dtype: 'int64' as const, dims: [1, ids.length], data: BigInt64Array.from(ids, (i) => BigInt(i)) } });
        const ra = await client.run(MODEL_ID, 'taps', feed(idsA), opts);
        const rb = await client.run(MODEL_ID, 'taps', feed(idsB), opts);
        if (my !== seq.current) return;
        const updateMs = performance.now() - t0;
        setView((v) => ({ ...v, phase: 'ready', a: { ids: [...idsA], layers: residuals(ra.outputs, shape.nLayer) }, b: { ids: [...idsB], layers: residuals(rb.outputs, shape.nLayer) }, ran: rb.backend, updateMs, runs: v.runs + 1 }));
      } catch (e) {
        if (my === seq.current) patch({ phase: 'error', error: friendlyError(e) });
      }
    }, lastKey.current === null ? 0 : DEBOUNCE_MS);
    return () => clearTimeout(h);
  }, [shape, idsA, idsB, backend, deps]);

  return { view, load };
}

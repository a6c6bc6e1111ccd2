'use client';
/**
 * Evaluate pruned copies of `lm` in the model worker: load lm and 'prune:<method>:<f>:lm' (built
 * from lm's weights in the worker), score both on the held-out Austen slice window by window
 * (progress; Cancel stops between windows). Results are kept per method and fraction, so the curve
 * grows as the student moves the slider; `sweep` fills the whole grid of the current method.
 * After each evaluation the pruned model's session is released; the worker keeps the weights of
 * the last 4 pruned models only (Runtime keepLast), so a long sweep does not grow memory.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { setBackendStatus } from '@/components/ui/backend-status';
import { names } from '@/lib/model/names';
import { compareOnSlice, type SliceResult } from '@/lib/quant/evaluate';
import type { PruneMethod, PruneSummary } from '@/lib/prune/model';
import type { BackendChoice, Progress } from '@/lib/runtime/protocol';
import { friendlyError, MODEL_ID, type Deps } from '@/components/lesson/live-model';
import { GRID } from './layout';
import { SITE_BASE } from '@/components/site-base';

export type Phase = 'idle' | 'loading' | 'slice' | 'done' | 'cancelled' | 'error';
export const SLICE_URL = 'data/austen-val-slice.json';

export interface PointResult { slice: SliceResult; summary: PruneSummary }

export interface PruneView {
  phase: Phase;
  progress: Progress | null;
  choice: BackendChoice | null;
  /** key `${method}:${fraction}` */
  results: Record<string, PointResult>;
  current: string | null;
  done: number;
  total: number;
  error: string | null;
}

const EMPTY: PruneView = { phase: 'idle', progress: null, choice: null, results: {}, current: null, done: 0, total: 0, error: null };
export const keyOf = (method: PruneMethod, f: number) => `${method}:${f}`;
const idOf = (method: PruneMethod, f: number) => `prune:${method}:${f}:${MODEL_ID}`;
const idsFeed = (ids: readonly number[]) => ({ [names.ids()]: { dtype: 'int64' as const, dims: [1, ids.length], data: BigInt64Array.from(ids, (i) => BigInt(i)) } });

export function usePrune(deps: Deps, method: PruneMethod, fraction: number, backend: 'auto' | 'webgpu' | 'wasm', base = SITE_BASE) {
  const [view, setView] = useState<PruneView>(EMPTY);
  const [started, setStarted] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const have = useRef<Record<string, PointResult>>({});
  const patch = (p: Partial<PruneView>) => setView((v) => ({ ...v, ...p }));

  const run = useCallback(async (fracs: number[]) => {
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    const live = () => !ac.signal.aborted;
    patch({ phase: 'loading', error: null });
    try {
      const client = await deps.client();
      await client.load(MODEL_ID, { onProgress: (progress) => live() && patch({ progress }) });
      await client.setBackend(backend);
      const res = await fetch(`${base}${SLICE_URL}`);
      if (!res.ok) throw new Error(`validation slice: ${base}${SLICE_URL} → HTTP ${res.status}`);
      const slice = (await res.json()) as { windows: number[][] };
      const forward = (model: string) => async (w: number[]) =>
        (await client.run(model, 'logits', idsFeed(w), { workload: 'prefill' })).outputs[names.logits()].data as Float32Array;
      for (const f of fracs) {
        const k = keyOf(method, f);
        if (have.current[k]) continue;
        const id = idOf(method, f);
        patch({ phase: 'loading', current: k });
        const loaded = await client.load(id, { onProgress: (progress) => live() && patch({ progress }) });
        const choice = await client.choose(id, 'prefill');
        if (!live()) return;
        setBackendStatus({ backend: choice.backend, reason: choice.reason });
        patch({ phase: 'slice', choice, done: 0, total: slice.windows.length });
        const r = await compareOnSlice(forward(MODEL_ID), forward(id), slice.windows, 4096, {
          signal: ac.signal, onWindow: (done, total) => live() && patch({ done, total }),
        });
        await client.releaseVariant(id, 'logits');
        have.current = { ...have.current, [k]: { slice: r, summary: loaded.info.prune as PruneSummary } };
        if (live()) patch({ results: have.current });
      }
      patch({ phase: 'done', current: null });
    } catch (e) {
      if (!live() || (e instanceof Error && /cancel|abort/i.test(e.name + e.message))) return patch({ phase: 'cancelled' });
      patch({ phase: 'error', error: friendlyError(e) });
    } finally {
      if (abort.current === ac) abort.current = null;
    }
  }, [deps, base, method, backend]);

  useEffect(() => {
    if (!started) return;
    const h = setTimeout(() => void run([fraction]), 250);
    return () => clearTimeout(h);
  }, [started, fraction, run]);
  useEffect(() => () => abort.current?.abort(), []);

  const start = useCallback(() => setStarted(true), []);
  const sweep = useCallback(() => { setStarted(true); void run([fraction, ...GRID]); }, [run, fraction]);
  const cancel = useCallback(() => {
    abort.current?.abort();
    setStarted(false);
    patch({ phase: 'cancelled' });
  }, []);
  return { view, start, sweep, cancel, started };
}

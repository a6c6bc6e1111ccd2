'use client';
/**
 * Runs the context-extension experiment in the model worker: loads lm and its two twins (progress),
 * then for every series of lib/longctx/extension.ts's plan that is not cached yet runs the
 * 'logits' graph (RoPE-scaled variants for lm: 'logits@yarn:4', …) on each held-out window and
 * turns the logits into loss per position. Curves appear one by one; Cancel stops before the next
 * window. Later control changes recompute only what changed; old scaled graphs are released.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { setBackendStatus } from '@/components/ui/backend-status';
import { friendlyError, type Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { Backend, BackendChoice, Progress } from '@/lib/runtime/protocol';
import { seriesCurve, seriesPlan, type Forward, type SeriesSpec } from '@/lib/longctx/extension';
import { valWindows } from '@/lib/longctx/val-windows';
import type { Curves } from './layout';
import type { PositionsExtendState } from './index';

export type Phase = 'idle' | 'loading' | 'running' | 'ready' | 'cancelled' | 'error';
export const MODELS = ['lm', 'lm-alibi', 'lm-learned-pos'] as const;

export interface ExtView {
  phase: Phase;
  download: Progress | null;
  /** Forwards done / needed for the current request. */
  done: number;
  total: number;
  current: string | null;
  choice: BackendChoice | null;
  /** The backend each model last ran on. */
  ran: Partial<Record<string, Backend>>;
  error: string | null;
}

const IDLE: ExtView = { phase: 'idle', download: null, done: 0, total: 0, current: null, choice: null, ran: {}, error: null };
const DEBOUNCE_MS = 300;

type Inputs = Pick<PositionsExtendState, 'factor' | 'length' | 'windows' | 'backend'>;
const keyOf = (s: SeriesSpec, i: Inputs) => `${s.model}|${s.variant}|${s.tokens}|${i.windows}|${i.backend}`;

export function useExtension(deps: Deps, inputs: Inputs) {
  const [view, setView] = useState<ExtView>(IDLE);
  const [, bump] = useState(0);
  const cache = useRef(new Map<string, Float64Array>());
  const live = useRef(new Set<string>()); // scaled variants with sessions in the worker
  const abort = useRef<AbortController | null>(null);
  const started = useRef(false);
  const patch = (p: Partial<ExtView>) => setView((v) => ({ ...v, ...p }));
  const { factor, length, windows, backend } = inputs;

  const compute = useCallback(async () => {
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    const i = { factor, length, windows, backend };
    const plan = seriesPlan(factor, length);
    const todo = plan.filter((s) => !cache.current.has(keyOf(s, i)));
    const ws = valWindows().slice(0, windows);
    patch({ phase: 'running', done: 0, total: todo.length * ws.length, error: null });
    const mine = () => abort.current === ac;
    try {
      const client = await deps.client();
      const choice = backend === 'auto'
        ? await client.choose('lm', 'prefill')
        : { backend, reason: `${backend === 'webgpu' ? 'WebGPU' : 'WASM'} chosen by you (Engine override)` };
      setBackendStatus({ backend: choice.backend, reason: choice.reason });
      if (mine()) patch({ choice });
      const forward: Forward = async (model, variant, ids) => {
        const feed = { [names.ids()]: { dtype: 'int64' as const, dims: [1, ids.length], data: BigInt64Array.from(ids, (x) => BigInt(x)) } };
        const r = await client.run(model, variant, feed, { workload: 'prefill', ...(backend === 'auto' ? {} : { backend }) });
        setView((v) => ({ ...v, ran: { ...v.ran, [model]: r.backend } }));
        const out = r.outputs[names.logits()];
        return { logits: out.data as Float32Array, vocab: out.dims[2] };
      };
      for (const [n, spec] of todo.entries()) {
        patch({ current: spec.label });
        const curve = await seriesCurve(spec, ws, forward, { signal: ac.signal, onWindow: (k) => mine() && patch({ done: n * ws.length + k }) });
        cache.current.set(keyOf(spec, i), curve);
        bump((x) => x + 1);
      }
      // release the scaled graphs this view no longer uses
      const used = new Set(plan.filter((s) => s.model === 'lm').map((s) => s.variant));
      for (const v of [...live.current]) {
        if (!used.has(v)) {
          live.current.delete(v);
          void client.releaseVariant('lm', v).catch(() => {});
        }
      }
      used.forEach((v) => v.includes('@') && live.current.add(v));
      if (mine() && !ac.signal.aborted) patch({ phase: 'ready', current: null });
    } catch (e) {
      if (!mine()) return; // a newer request took over
      if (ac.signal.aborted) return patch({ phase: 'cancelled', current: null });
      patch({ phase: 'error', error: friendlyError(e), current: null });
    }
  }, [deps, factor, length, windows, backend]);

  const start = useCallback(async () => {
    patch({ phase: 'loading', error: null });
    try {
      const client = await deps.client();
      for (const m of MODELS) await client.load(m, { onProgress: (download) => patch({ download: { ...download, file: m } }) });
      patch({ download: null });
      started.current = true;
      await compute();
    } catch (e) {
      patch({ phase: 'error', error: friendlyError(e) });
    }
  }, [deps, compute]);

  const cancel = useCallback(() => abort.current?.abort(), []);

  useEffect(() => {
    if (!started.current) return;
    const h = setTimeout(() => void compute(), DEBOUNCE_MS);
    return () => clearTimeout(h);
  }, [compute]);

  useEffect(() => () => abort.current?.abort(), []);

  const plan = seriesPlan(factor, length);
  const curves: Curves = {};
  for (const s of plan) {
    const c = cache.current.get(keyOf(s, inputs));
    if (c) curves[s.id] = c;
  }
  return { view, plan, curves, start, cancel };
}

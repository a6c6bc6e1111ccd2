'use client';
/**
 * Runs the bounded-cache experiment in the model worker: loads lm (progress), then for each series
 * of lib/longctx/bounded-cache.ts's plan not measured yet runs lm's 'logits' graph — plain, or
 * with a window mask ('logits@window:<size>:<sinks>', built in the worker from TS) — on the first
 * 256 tokens of each held-out window and turns the logits into loss per position. Cancel stops
 * before the next window; a control change recomputes only the new series (debounced).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { setBackendStatus } from '@/components/ui/backend-status';
import { friendlyError, MODEL_ID, type Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { Backend, BackendChoice, Progress } from '@/lib/runtime/protocol';
import { boundedCurve, boundedPlan, type BoundedSpec, type VariantForward } from '@/lib/longctx/bounded-cache';
import { valWindows } from '@/lib/longctx/val-windows';
import type { Curves } from './layout';
import type { KvWindowState } from './index';

export type Phase = 'idle' | 'loading' | 'running' | 'ready' | 'cancelled' | 'error';

export interface BoundedView {
  phase: Phase;
  download: Progress | null;
  done: number;
  total: number;
  choice: BackendChoice | null;
  ran: Backend | null;
  error: string | null;
}

const IDLE: BoundedView = { phase: 'idle', download: null, done: 0, total: 0, choice: null, ran: null, error: null };
const DEBOUNCE_MS = 300;
const keyOf = (s: BoundedSpec, backend: string) => `${s.variant}|${backend}`;

export function useBounded(deps: Deps, { size, sinks, backend }: Pick<KvWindowState, 'size' | 'sinks' | 'backend'>) {
  const [view, setView] = useState<BoundedView>(IDLE);
  const [, bump] = useState(0);
  const cache = useRef(new Map<string, Float64Array>());
  const abort = useRef<AbortController | null>(null);
  const started = useRef(false);
  const patch = (p: Partial<BoundedView>) => setView((v) => ({ ...v, ...p }));

  const compute = useCallback(async () => {
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    const mine = () => abort.current === ac;
    const todo = boundedPlan(size, sinks).filter((s) => !cache.current.has(keyOf(s, backend)));
    const ws = valWindows();
    patch({ phase: 'running', done: 0, total: todo.length * ws.length, error: null });
    try {
      const client = await deps.client();
      const choice = backend === 'auto'
        ? await client.choose(MODEL_ID, 'prefill')
        : { backend, reason: `${backend === 'webgpu' ? 'WebGPU' : 'WASM'} chosen by you (Engine override)` };
      setBackendStatus({ backend: choice.backend, reason: choice.reason });
      if (mine()) patch({ choice });
      const forward: VariantForward = async (variant, ids) => {
        const feed = { [names.ids()]: { dtype: 'int64' as const, dims: [1, ids.length], data: BigInt64Array.from(ids, (x) => BigInt(x)) } };
        const r = await client.run(MODEL_ID, variant, feed, { workload: 'prefill', ...(backend === 'auto' ? {} : { backend }) });
        if (mine()) patch({ ran: r.backend });
        const out = r.outputs[names.logits()];
        return { logits: out.data as Float32Array, vocab: out.dims[2] };
      };
      for (const [n, spec] of todo.entries()) {
        const curve = await boundedCurve(spec.variant, ws, forward, { signal: ac.signal, onWindow: (k) => mine() && patch({ done: n * ws.length + k }) });
        cache.current.set(keyOf(spec, backend), curve);
        if (spec.size !== null) void client.releaseVariant(MODEL_ID, spec.variant).catch(() => {});
        bump((x) => x + 1);
      }
      if (mine() && !ac.signal.aborted) patch({ phase: 'ready' });
    } catch (e) {
      if (!mine()) return;
      if (ac.signal.aborted) return patch({ phase: 'cancelled' });
      patch({ phase: 'error', error: friendlyError(e) });
    }
  }, [deps, size, sinks, backend]);

  const start = useCallback(async () => {
    patch({ phase: 'loading', error: null });
    try {
      const client = await deps.client();
      await client.load(MODEL_ID, { onProgress: (download) => patch({ download }) });
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

  const plan = boundedPlan(size, sinks);
  const curves: Curves = {};
  for (const s of plan) curves[s.id] = cache.current.get(keyOf(s, backend));
  return { view, plan, curves, start, cancel };
}

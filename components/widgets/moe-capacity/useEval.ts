'use client';
/** Runs eval.worker.ts for the widget's setting; a newer setting cancels the job in flight. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TransformerConfig } from '@/lib/model/config';
import type { Lift } from '@/lib/interp/routing';
import type { MoeSummary } from '@/lib/interp/moe-eval';
import { HELD_OUT_TOKENS } from './held-out';
import type { EvalReply, EvalRequest } from './protocol';

export interface EvalResult {
  k: number;
  capacityFactor: number | null;
  cfg: TransformerConfig;
  summary: MoeSummary;
  lift: Lift[][][];
  ms: number;
}

export interface EvalView {
  phase: 'idle' | 'running' | 'ready' | 'cancelled' | 'error';
  progress: { phase: 'weights' | 'forward'; done: number; total: number } | null;
  result: EvalResult | null;
  /** every setting run in this visit, newest last */
  history: EvalResult[];
  error: string | null;
}

export function useEval(k: number, capacityFactor: number | null) {
  const [view, setView] = useState<EvalView>({ phase: 'idle', progress: null, result: null, history: [], error: null });
  const worker = useRef<Worker | null>(null);
  const job = useRef(0);
  const started = useRef(false);
  const pending = useRef<{ k: number; capacityFactor: number | null }>({ k, capacityFactor });

  const ensure = useCallback((): Worker => {
    if (worker.current) return worker.current;
    const w = new Worker(new URL('./eval.worker.ts', import.meta.url), { type: 'module', name: 'moe-capacity' });
    w.addEventListener('message', (e: MessageEvent<EvalReply>) => {
      const m = e.data;
      if (m.job !== job.current) return;
      if (m.type === 'progress') setView((v) => ({ ...v, progress: { phase: m.phase, done: m.done, total: m.total } }));
      else if (m.type === 'cancelled') setView((v) => ({ ...v, phase: 'cancelled', progress: null }));
      else if (m.type === 'error') setView((v) => ({ ...v, phase: 'error', error: m.message, progress: null }));
      else {
        const r: EvalResult = { k: pending.current.k, capacityFactor: pending.current.capacityFactor, cfg: m.cfg, summary: m.summary, lift: m.lift, ms: m.ms };
        setView((v) => ({
          ...v, phase: 'ready', progress: null, result: r,
          history: [...v.history.filter((h) => h.k !== r.k || h.capacityFactor !== r.capacityFactor), r],
        }));
      }
    });
    w.addEventListener('error', (e) => setView((v) => ({ ...v, phase: 'error', error: e.message || 'the eval worker crashed' })));
    worker.current = w;
    return w;
  }, []);

  const run = useCallback(() => {
    started.current = true;
    const w = ensure();
    job.current++;
    pending.current = { k, capacityFactor };
    const req: EvalRequest = { type: 'run', job: job.current, k, capacityFactor, modelBase: '/models/', tokens: HELD_OUT_TOKENS };
    setView((v) => ({ ...v, phase: 'running', error: null, progress: null }));
    w.postMessage(req);
  }, [ensure, k, capacityFactor]);

  const cancel = useCallback(() => worker.current?.postMessage({ type: 'cancel', job: job.current }), []);

  useEffect(() => {
    if (started.current) run();
  }, [run]);
  useEffect(() => () => worker.current?.terminate(), []);

  return { view, run, cancel };
}

'use client';
/** Runs loss.worker.ts for the widget's pattern; a newer pattern cancels the job in flight. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Pattern } from '@/lib/longctx/sparse-masks';
import type { CancelRequest, LossReply, LossRequest } from './protocol';

export interface LossResult {
  pattern: Pattern;
  windows: number;
  loss: number;
  full: number;
  ms: number;
}

export interface LossView {
  phase: 'idle' | 'running' | 'ready' | 'cancelled' | 'error';
  progress: { phase: 'weights' | 'forward'; done: number; total: number } | null;
  result: LossResult | null;
  /** every pattern measured in this visit, newest last */
  history: LossResult[];
  error: string | null;
}

const same = (a: LossResult, b: LossResult) => JSON.stringify([a.pattern, a.windows]) === JSON.stringify([b.pattern, b.windows]);

export function useLoss(pattern: Pattern, windows: number) {
  const [view, setView] = useState<LossView>({ phase: 'idle', progress: null, result: null, history: [], error: null });
  const worker = useRef<Worker | null>(null);
  const job = useRef(0);
  const started = useRef(false);
  const key = JSON.stringify([pattern, windows]);

  const ensure = useCallback((): Worker => {
    if (worker.current) return worker.current;
    const w = new Worker(new URL('./loss.worker.ts', import.meta.url), { type: 'module', name: 'sparse-masks' });
    w.addEventListener('message', (e: MessageEvent<LossReply>) => {
      const m = e.data;
      if (m.job !== job.current) return;
      if (m.type === 'progress') setView((v) => ({ ...v, progress: { phase: m.phase, done: m.done, total: m.total } }));
      else if (m.type === 'cancelled') setView((v) => ({ ...v, phase: 'cancelled', progress: null }));
      else if (m.type === 'error') setView((v) => ({ ...v, phase: 'error', error: m.message, progress: null }));
      else {
        const r: LossResult = { pattern: m.pattern, windows: m.windows, loss: m.loss, full: m.full, ms: m.ms };
        setView((v) => ({ ...v, phase: 'ready', progress: null, result: r, history: [...v.history.filter((h) => !same(h, r)), r] }));
      }
    });
    w.addEventListener('error', (e) => setView((v) => ({ ...v, phase: 'error', error: e.message || 'the loss worker crashed' })));
    worker.current = w;
    return w;
  }, []);

  const run = useCallback(() => {
    started.current = true;
    const w = ensure();
    job.current++;
    const [p, n] = JSON.parse(key) as [Pattern, number];
    const req: LossRequest = { type: 'run', job: job.current, pattern: p, windows: n, modelBase: '/models/' };
    setView((v) => ({ ...v, phase: 'running', error: null, progress: null }));
    w.postMessage(req);
  }, [ensure, key]);

  const cancel = useCallback(() => worker.current?.postMessage({ type: 'cancel', job: job.current } satisfies CancelRequest), []);

  useEffect(() => {
    if (!started.current) return;
    const h = setTimeout(run, 300);
    return () => clearTimeout(h);
  }, [run]);
  useEffect(() => () => worker.current?.terminate(), []);

  return { view, run, cancel };
}

'use client';
/**
 * One dedicated Web Worker per widget that runs jobs: each `run` posts `{ type: 'run', job, ...request }`
 * with a fresh job number; replies carry that number and a newer job makes older replies stale.
 * Progress (phase, done, total), cancelled, error and result replies update the view; every result
 * is kept in `history` by its key (a re-run of the same key replaces the old entry, newest last).
 * After the first run, a change of `key` runs again (at once, or after `debounceMs`).
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export type JobReply<R> =
  | { type: 'progress'; job: number; phase: 'weights' | 'forward'; done: number; total: number }
  | ({ type: 'result'; job: number } & R)
  | { type: 'cancelled'; job: number }
  | { type: 'error'; job: number; message: string };

export interface JobView<T> {
  phase: 'idle' | 'running' | 'ready' | 'cancelled' | 'error';
  progress: { phase: 'weights' | 'forward'; done: number; total: number } | null;
  result: T | null;
  /** every setting run in this visit, newest last */
  history: T[];
  error: string | null;
}

export interface WorkerJobOptions<Q, R, T> {
  /** `new Worker(new URL('./x.worker.ts', import.meta.url), …)`: the bundler needs the literal there. */
  make(): Worker;
  /** The request for the current setting (without type and job). */
  request: Q;
  /** Identifies the setting: history entries with the same key replace each other. */
  key: string;
  /** The result reply (and the request it answers) → what the widget keeps. */
  read(reply: R, request: Q): T;
  debounceMs?: number;
  /** The message when the worker itself crashes. */
  crashed: string;
}

export function useWorkerJob<Q extends object, R extends object, T>({ make, request, key, read, debounceMs = 0, crashed }: WorkerJobOptions<Q, R, T>) {
  const [view, setView] = useState<JobView<T>>({ phase: 'idle', progress: null, result: null, history: [], error: null });
  const worker = useRef<Worker | null>(null);
  const job = useRef(0);
  const started = useRef(false);
  const keys = useRef(new WeakMap<object, string>());
  const pending = useRef<{ request: Q; key: string }>({ request, key });
  const latest = useRef({ make, read, request, crashed });
  latest.current = { make, read, request, crashed };

  const ensure = useCallback((): Worker => {
    if (worker.current) return worker.current;
    const w = latest.current.make();
    w.addEventListener('message', (e: MessageEvent<JobReply<R>>) => {
      const m = e.data;
      if (m.job !== job.current) return;
      if (m.type === 'progress') setView((v) => ({ ...v, progress: { phase: m.phase, done: m.done, total: m.total } }));
      else if (m.type === 'cancelled') setView((v) => ({ ...v, phase: 'cancelled', progress: null }));
      else if (m.type === 'error') setView((v) => ({ ...v, phase: 'error', error: m.message, progress: null }));
      else {
        const { request: q, key: k } = pending.current;
        const r = latest.current.read(m as unknown as R, q);
        if (typeof r === 'object' && r !== null) keys.current.set(r, k);
        setView((v) => ({ ...v, phase: 'ready', progress: null, result: r, history: [...v.history.filter((h) => typeof h !== 'object' || h === null || keys.current.get(h) !== k), r] }));
      }
    });
    w.addEventListener('error', (e) => setView((v) => ({ ...v, phase: 'error', error: e.message || latest.current.crashed })));
    worker.current = w;
    return w;
  }, []);

  const run = useCallback(() => {
    started.current = true;
    const w = ensure();
    job.current++;
    pending.current = { request: latest.current.request, key };
    setView((v) => ({ ...v, phase: 'running', error: null, progress: null }));
    w.postMessage({ ...latest.current.request, type: 'run', job: job.current });
  }, [ensure, key]);

  const cancel = useCallback(() => worker.current?.postMessage({ type: 'cancel', job: job.current }), []);

  useEffect(() => {
    if (!started.current) return;
    if (debounceMs <= 0) return run();
    const h = setTimeout(run, debounceMs);
    return () => clearTimeout(h);
  }, [run, debounceMs]);
  useEffect(() => () => worker.current?.terminate(), []);

  return { view, run, cancel };
}

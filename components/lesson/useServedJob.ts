'use client';
/**
 * The page's side of a worker served by lib/peft/serve.ts (LoRA fine-tune, preference training):
 * one Worker per widget, created on the first Start. The worker numbers every message it gets
 * (Start or Cancel) and tags its events with that run number; events of any run but the latest
 * Start are dropped (a cancelled run may still send its last events). `begin` gives the state of a
 * fresh run, `reduce` folds one event into it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface ServedWorker<Job, Ev> {
  postMessage(msg: { type: 'start'; job: Job } | { type: 'cancel' }): void;
  onmessage: ((ev: { data: Ev & { run: number } }) => void) | null;
  terminate(): void;
}

export type ServedPhase = 'idle' | 'loading' | 'training' | 'done' | 'cancelled' | 'error';

export function useServedJob<Job, Ev, S extends { phase: ServedPhase }>(
  make: () => ServedWorker<Job, Ev>,
  idle: S,
  begin: (job: Job) => S,
  reduce: (s: S, e: Ev) => S,
): { st: S; start: (job: Job) => void; cancel: () => void } {
  const worker = useRef<ServedWorker<Job, Ev> | null>(null);
  const posted = useRef(0); // the worker numbers every message it gets, Start or Cancel
  const run = useRef(0); // the run whose events we show
  const fns = useRef({ make, begin, reduce });
  fns.current = { make, begin, reduce };
  const [st, setSt] = useState<S>(idle);
  useEffect(() => () => worker.current?.terminate(), []);
  const start = useCallback((job: Job) => {
    if (!worker.current) {
      const w = fns.current.make();
      w.onmessage = (ev) => {
        const e = ev.data;
        if (e.run !== run.current) return;
        setSt((s) => fns.current.reduce(s, e));
      };
      worker.current = w;
    }
    run.current = ++posted.current;
    setSt(fns.current.begin(job));
    worker.current.postMessage({ type: 'start', job });
  }, []);
  const cancel = useCallback(() => {
    if (!worker.current) return;
    posted.current++;
    worker.current.postMessage({ type: 'cancel' });
    setSt((s) => (s.phase === 'loading' || s.phase === 'training' ? { ...s, phase: 'cancelled' } : s));
  }, []);
  return { st, start, cancel };
}

'use client';
/**
 * A cancellable, debounced job keyed by its inputs: when `key` changes (and `enabled`), wait
 * `debounceMs`, then run `fn(signal, progress)`. A newer key or Cancel aborts the older run; its
 * result is dropped. Progress is (done, total) in the job's own units (model runs here).
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export type JobStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface JobView<T> {
  status: JobStatus;
  done: number;
  total: number;
  result: T | null;
  error: string | null;
  /** Wall time of the last finished run, ms. */
  ms: number | null;
}

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export function useJob<T>(key: string, enabled: boolean, fn: (signal: AbortSignal, progress: (done: number, total: number) => void) => Promise<T>, debounceMs = 250) {
  const [view, setView] = useState<JobView<T>>({ status: 'idle', done: 0, total: 0, result: null, error: null, ms: null });
  const ctrl = useRef<AbortController | null>(null);
  const fnRef = useRef(fn);
  fnRef.current = fn;

  const cancel = useCallback(() => {
    ctrl.current?.abort();
    setView((v) => (v.status === 'running' ? { ...v, status: 'cancelled' } : v));
  }, []);

  useEffect(() => {
    if (!enabled) return;
    const c = new AbortController();
    const h = setTimeout(() => {
      ctrl.current?.abort();
      ctrl.current = c;
      const t0 = performance.now();
      setView((v) => ({ ...v, status: 'running', done: 0, total: 0, error: null }));
      fnRef.current(c.signal, (done, total) => {
        if (!c.signal.aborted) setView((v) => ({ ...v, done, total }));
      }).then(
        (result) => { if (!c.signal.aborted) setView((v) => ({ ...v, status: 'done', result, ms: performance.now() - t0 })); },
        (e: unknown) => {
          if (c.signal.aborted || e instanceof Cancelled) return;
          setView((v) => ({ ...v, status: 'error', error: e instanceof Error ? e.message : String(e) }));
        },
      );
    }, debounceMs);
    return () => {
      clearTimeout(h);
      c.abort();
    };
  }, [key, enabled, debounceMs]);

  return { job: view, cancel };
}

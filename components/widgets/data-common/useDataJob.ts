'use client';
/**
 * Run one data-worker job whenever its request changes (after a short debounce), with progress
 * and Cancel. `request` null = nothing to run yet. Results of a stale request are dropped.
 * While a new request runs, the previous result stays in `result` with the key and request it
 * belongs to (`resultKey`, `resultFor`), so a widget can keep showing it, dimmed, instead of blinking.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { CancelledError, type DataWorkerClient } from '@/lib/data/worker-client';
import type { DataRequest, DataResults } from '@/lib/data/protocol';
import { makeDataClient } from './client';

type Req = DataRequest extends infer R ? (R extends { reqId: number } ? Omit<R, 'reqId'> : never) : never;

export interface DataJob<T> {
  phase: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  progress: number;
  result: T | null;
  /** The key and the request that `result` was computed for (null before the first result). */
  resultKey: string | null;
  resultFor: Req | null;
  error: string | null;
  ms: number | null;
  cancel: () => void;
  rerun: () => void;
}

export function useDataJob<K extends Req['type']>(name: string, request: (Req & { type: K }) | null, key: string, debounceMs = 150): DataJob<DataResults[K]> {
  const client = useRef<DataWorkerClient | null>(null);
  const [state, setState] = useState<Omit<DataJob<DataResults[K]>, 'cancel' | 'rerun'>>({ phase: 'idle', progress: 0, result: null, resultKey: null, resultFor: null, error: null, ms: null });
  const [nonce, setNonce] = useState(0);
  const reqRef = useRef(request);
  reqRef.current = request;

  useEffect(() => {
    const req = reqRef.current;
    if (!req) return;
    let live = true;
    const t = setTimeout(() => {
      client.current ??= makeDataClient(name);
      if (client.current.busy) client.current.cancel(); // a newer request supersedes a running one
      const t0 = performance.now();
      setState((s) => ({ ...s, phase: 'running', progress: 0, error: null }));
      client.current
        .run(req, (done, total) => live && setState((s) => ({ ...s, progress: total > 0 ? done / total : 0 })))
        .then(
          (result) => live && setState({ phase: 'done', progress: 1, result: result as DataResults[K], resultKey: key, resultFor: req, error: null, ms: performance.now() - t0 }),
          (e: unknown) => {
            if (!live) return;
            if (e instanceof CancelledError) setState((s) => ({ ...s, phase: 'cancelled' }));
            else setState((s) => ({ ...s, phase: 'error', error: e instanceof Error ? e.message : String(e) }));
          },
        );
    }, debounceMs);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [key, nonce, name, debounceMs]);

  useEffect(() => () => client.current?.cancel(), []);

  const cancel = useCallback(() => client.current?.cancel(), []);
  const rerun = useCallback(() => setNonce((n) => n + 1), []);
  return { ...state, cancel, rerun };
}

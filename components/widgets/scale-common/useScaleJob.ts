'use client';
/**
 * Runs ScaleJobs in lib/scale/worker.ts and keeps every event of the latest run. One worker per
 * widget, made on first Start; Cancel terminates it (lm's backward pass cannot stop half-way) and
 * the next Start makes a fresh one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScaleEvent, ScaleJob } from '@/lib/scale/jobs';
import { makeScaleWorker, type WorkerLike } from './scale-client';

export interface JobState {
  phase: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  events: ScaleEvent[];
  error?: string;
}


export function useScaleJob(): { st: JobState; start: (job: ScaleJob) => void; cancel: () => void } {
  const worker = useRef<WorkerLike | null>(null);
  const run = useRef(0);
  const [st, setSt] = useState<JobState>({ phase: 'idle', events: [] });
  useEffect(() => () => worker.current?.terminate(), []);
  const start = useCallback((job: ScaleJob) => {
    if (!worker.current) {
      const w = makeScaleWorker();
      run.current = 0;
      w.onmessage = (ev) => {
        const e = ev.data;
        if (e.run !== run.current) return;
        setSt((s) => {
          if (e.type === 'done') return { ...s, phase: e.cancelled ? 'cancelled' : 'done', events: [...s.events, e] };
          if (e.type === 'error') return { ...s, phase: 'error', error: e.message };
          return { ...s, events: [...s.events, e] };
        });
      };
      worker.current = w;
    }
    run.current++;
    setSt({ phase: 'running', events: [] });
    worker.current.postMessage({ type: 'start', job });
  }, []);
  const cancel = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
    setSt((s) => (s.phase === 'running' ? { ...s, phase: 'cancelled' } : s));
  }, []);
  return { st, start, cancel };
}

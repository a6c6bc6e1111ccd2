'use client';
/** Runs FinetuneJobs in the worker; keeps the events of the latest run as React state. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FinetuneJob, JobEvent } from '@/lib/peft';
import type { StepPoint } from './layout';
import { makeWorker, type WorkerLike } from './client';

export interface FinetuneState {
  phase: 'idle' | 'loading' | 'training' | 'done' | 'cancelled' | 'error';
  loaded?: Extract<JobEvent, { type: 'loaded' }>;
  /** Set when a graph engine (onnxruntime-web) runs the steps. */
  engine?: Extract<JobEvent, { type: 'engine' }>;
  before?: string;
  after?: string;
  steps: StepPoint[];
  /** Steps the running job was started with. */
  total: number;
  done?: Extract<JobEvent, { type: 'done' }>;
  error?: string;
}

const IDLE: FinetuneState = { phase: 'idle', steps: [], total: 0 };

export function useFinetune(): { st: FinetuneState; start: (job: FinetuneJob) => void; cancel: () => void } {
  const worker = useRef<WorkerLike | null>(null);
  const posted = useRef(0); // the worker numbers every message it gets, Start or Cancel
  const run = useRef(0); // the run whose events we show (a cancelled run still sends 'after' and 'done')
  const [st, setSt] = useState<FinetuneState>(IDLE);
  useEffect(() => () => worker.current?.terminate(), []);
  const start = useCallback((job: FinetuneJob) => {
    if (!worker.current) {
      const w = makeWorker();
      w.onmessage = (ev) => {
        const e = ev.data;
        if (e.run !== run.current) return;
        setSt((s) => {
          switch (e.type) {
            case 'loaded': return { ...s, phase: 'training', loaded: e };
            case 'engine': return { ...s, engine: e };
            case 'sample': return e.which === 'before' ? { ...s, before: e.text } : { ...s, after: e.text };
            case 'step': return { ...s, steps: [...s.steps, { report: e.report, ms: e.ms }] };
            case 'done': return { ...s, phase: e.cancelled ? 'cancelled' : 'done', done: e };
            case 'error': return { ...s, phase: 'error', error: e.message };
          }
          return s;
        });
      };
      worker.current = w;
    }
    run.current = ++posted.current;
    setSt({ phase: 'loading', steps: [], total: job.steps });
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

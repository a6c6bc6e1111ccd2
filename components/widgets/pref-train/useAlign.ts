'use client';
/** Runs AlignJobs in the worker; keeps the events of the latest run as React state. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AlignEvent, AlignJob } from '@/lib/align';
import type { StepPoint } from './layout';
import { makeWorker, type AlignWorkerLike } from './client';

export interface AlignState {
  phase: 'idle' | 'loading' | 'training' | 'done' | 'cancelled' | 'error';
  loaded?: Extract<AlignEvent, { type: 'loaded' }>;
  steps: StepPoint[];
  total: number;
  mode: AlignJob['mode'];
  error?: string;
}

const IDLE: AlignState = { phase: 'idle', steps: [], total: 0, mode: 'dpo' };

export function useAlign(): { st: AlignState; start: (job: AlignJob) => void; cancel: () => void } {
  const worker = useRef<AlignWorkerLike | null>(null);
  const posted = useRef(0); // the worker numbers every message it gets, Start or Cancel
  const run = useRef(0); // the run whose events we show
  const [st, setSt] = useState<AlignState>(IDLE);
  useEffect(() => () => worker.current?.terminate(), []);
  const start = useCallback((job: AlignJob) => {
    if (!worker.current) {
      const w = makeWorker();
      w.onmessage = (ev) => {
        const e = ev.data;
        if (e.run !== run.current) return;
        setSt((s) => {
          switch (e.type) {
            case 'loaded': return { ...s, phase: 'training', loaded: e };
            case 'step': { // a repeated step (the evaluation after a Cancel) replaces the first
              const kept = s.steps.length && s.steps[s.steps.length - 1].report.step === e.report.step ? s.steps.slice(0, -1) : s.steps;
              return { ...s, steps: [...kept, { report: e.report, ms: e.ms }] };
            }
            case 'done': return { ...s, phase: e.cancelled ? 'cancelled' : 'done' };
            case 'error': return { ...s, phase: 'error', error: e.message };
          }
          return s;
        });
      };
      worker.current = w;
    }
    run.current = ++posted.current;
    setSt({ phase: 'loading', steps: [], total: job.steps, mode: job.mode });
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

'use client';
/** Runs FinetuneJobs in the worker; keeps the events of the latest run as React state. */
import { useServedJob } from '@/components/lesson/useServedJob';
import type { FinetuneJob, JobEvent } from '@/lib/peft';
import type { StepPoint } from './layout';
import { makeWorker } from './client';

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

function reduce(s: FinetuneState, e: JobEvent): FinetuneState {
  switch (e.type) {
    case 'loaded': return { ...s, phase: 'training', loaded: e };
    case 'engine': return { ...s, engine: e };
    case 'sample': return e.which === 'before' ? { ...s, before: e.text } : { ...s, after: e.text };
    case 'step': return { ...s, steps: [...s.steps, { report: e.report, ms: e.ms }] };
    case 'done': return { ...s, phase: e.cancelled ? 'cancelled' : 'done', done: e };
    case 'error': return { ...s, phase: 'error', error: e.message };
  }
  return s;
}

const begin = (job: FinetuneJob): FinetuneState => ({ phase: 'loading', steps: [], total: job.steps });

export function useFinetune(): { st: FinetuneState; start: (job: FinetuneJob) => void; cancel: () => void } {
  return useServedJob<FinetuneJob, JobEvent, FinetuneState>(makeWorker, IDLE, begin, reduce);
}

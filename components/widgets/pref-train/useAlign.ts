'use client';
/** Runs AlignJobs in the worker; keeps the events of the latest run as React state. */
import { useServedJob } from '@/components/lesson/useServedJob';
import type { AlignEvent, AlignJob } from '@/lib/align';
import type { StepPoint } from './layout';
import { makeWorker } from './client';

export interface AlignState {
  phase: 'idle' | 'loading' | 'training' | 'done' | 'cancelled' | 'error';
  loaded?: Extract<AlignEvent, { type: 'loaded' }>;
  steps: StepPoint[];
  total: number;
  mode: AlignJob['mode'];
  error?: string;
}

const IDLE: AlignState = { phase: 'idle', steps: [], total: 0, mode: 'dpo' };

function reduce(s: AlignState, e: AlignEvent): AlignState {
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
}

const begin = (job: AlignJob): AlignState => ({ phase: 'loading', steps: [], total: job.steps, mode: job.mode });

export function useAlign(): { st: AlignState; start: (job: AlignJob) => void; cancel: () => void } {
  return useServedJob<AlignJob, AlignEvent, AlignState>(makeWorker, IDLE, begin, reduce);
}

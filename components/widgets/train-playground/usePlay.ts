'use client';
/**
 * Drives the playground worker: reset (a fresh run of a spec), play (train to the end of the
 * schedule), step (one step), pause (cancels the loop in flight; the worker keeps the weights, so
 * Play continues the same run). Keeps the reports of the current run as React state; events of
 * runs before the latest reset are dropped by their request number.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EvalReport, PlaygroundSpec, StepReport } from '@/lib/train/playground';
import type { PlayEngine, PlayEvent } from '@/lib/train/play-worker';
import { makeWorker, type PlayWorkerLike } from './client';

export interface PlayState {
  phase: 'starting' | 'ready' | 'running' | 'paused' | 'done' | 'error';
  params: number;
  heldOut: number;
  reports: StepReport[];
  evals: EvalReport[];
  /** Steps and ms of the current (or last) Play, for steps/s. */
  playSteps: number;
  playMs: number;
  error?: string;
  /** The backend that runs the steps and why (set by 'ready'). */
  engine?: Pick<Extract<PlayEvent, { type: 'ready' }>, 'backend' | 'reason'>;
}

const START: PlayState = { phase: 'starting', params: 0, heldOut: 0, reports: [], evals: [], playSteps: 0, playMs: 0 };

export function usePlay(spec: PlaygroundSpec, engine: PlayEngine, specKey: string, evalEvery: number) {
  const worker = useRef<PlayWorkerLike | null>(null);
  const posted = useRef(0);
  const since = useRef(0); // request number of the latest reset
  const playT0 = useRef(0);
  const [st, setSt] = useState<PlayState>(START);

  const post = useCallback((msg: Parameters<PlayWorkerLike['postMessage']>[0]) => {
    posted.current++;
    worker.current?.postMessage(msg);
  }, []);

  useEffect(() => {
    const w = makeWorker();
    w.onmessage = (ev) => {
      const e = ev.data;
      if (e.run < since.current) return;
      setSt((s) => {
        switch (e.type) {
          case 'ready': return { ...s, phase: 'ready', params: e.params, heldOut: e.heldOut, engine: { backend: e.backend, reason: e.reason } };
          case 'steps': {
            const playSteps = s.playSteps + e.reports.length;
            return { ...s, reports: e.reports.length ? [...s.reports, ...e.reports] : s.reports, evals: e.evals.length ? [...s.evals, ...e.evals] : s.evals, playSteps, playMs: performance.now() - playT0.current };
          }
          case 'stopped': return { ...s, phase: e.finished ? 'done' : 'paused' };
          case 'error': return { ...s, phase: 'error', error: e.message };
        }
        return s;
      });
    };
    worker.current = w;
    return () => w.terminate();
  }, []);

  useEffect(() => {
    since.current = posted.current + 1;
    post({ type: 'reset', spec, engine });
    setSt(START);
    // specKey stands for spec
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [specKey, engine, post]);

  const run = useCallback((steps: number) => {
    playT0.current = performance.now();
    setSt((s) => ({ ...s, phase: 'running', playSteps: 0, playMs: 0 }));
    post({ type: 'run', steps, evalEvery });
  }, [post, evalEvery]);
  const play = useCallback(() => run(Number.MAX_SAFE_INTEGER), [run]);
  const step = useCallback(() => run(1), [run]);
  const pause = useCallback(() => post({ type: 'pause' }), [post]);
  const reset = useCallback(() => {
    since.current = posted.current + 1;
    post({ type: 'reset', spec, engine });
    setSt(START);
  }, [post, spec, engine]);
  return { st, play, step, pause, reset };
}

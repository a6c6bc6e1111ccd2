'use client';
/** Runs eval.worker.ts for the widget's setting; a newer setting cancels the job in flight. */
import type { TransformerConfig } from '@/lib/model/config';
import type { Lift } from '@/lib/interp/routing';
import type { MoeSummary } from '@/lib/interp/moe-eval';
import { useWorkerJob, type JobView } from '@/components/lesson/useWorkerJob';
import { HELD_OUT_TOKENS } from './held-out';
import type { EvalReply, EvalRequest } from './protocol';
import { sitePath } from '@/components/site-base';

export interface EvalResult {
  k: number;
  capacityFactor: number | null;
  cfg: TransformerConfig;
  summary: MoeSummary;
  lift: Lift[][][];
  ms: number;
}

export type EvalView = JobView<EvalResult>;

type Request = Omit<EvalRequest, 'type' | 'job'>;
type Result = Omit<Extract<EvalReply, { type: 'result' }>, 'type' | 'job'>;

export function useEval(k: number, capacityFactor: number | null) {
  return useWorkerJob<Request, Result, EvalResult>({
    make: () => new Worker(new URL('./eval.worker.ts', import.meta.url), { type: 'module', name: 'moe-capacity' }),
    request: { k, capacityFactor, modelBase: sitePath('models/'), tokens: HELD_OUT_TOKENS },
    key: JSON.stringify([k, capacityFactor]),
    read: (m, q) => ({ k: q.k, capacityFactor: q.capacityFactor, cfg: m.cfg, summary: m.summary, lift: m.lift, ms: m.ms }),
    crashed: 'the eval worker crashed',
  });
}

'use client';
/** Runs loss.worker.ts for the widget's pattern; a newer pattern cancels the job in flight. */
import type { Pattern } from '@/lib/longctx/sparse-masks';
import { useWorkerJob, type JobView } from '@/components/lesson/useWorkerJob';
import type { LossReply, LossRequest } from './protocol';
import { sitePath } from '@/components/site-base';

export interface LossResult {
  pattern: Pattern;
  windows: number;
  loss: number;
  full: number;
  ms: number;
}

export type LossView = JobView<LossResult>;

type Request = Omit<LossRequest, 'type' | 'job'>;
type Result = Omit<Extract<LossReply, { type: 'result' }>, 'type' | 'job'>;

export function useLoss(pattern: Pattern, windows: number) {
  return useWorkerJob<Request, Result, LossResult>({
    make: () => new Worker(new URL('./loss.worker.ts', import.meta.url), { type: 'module', name: 'sparse-masks' }),
    request: { pattern, windows, modelBase: sitePath('models/') },
    key: JSON.stringify([pattern, windows]),
    read: (m) => ({ pattern: m.pattern, windows: m.windows, loss: m.loss, full: m.full, ms: m.ms }),
    debounceMs: 300,
    crashed: 'the loss worker crashed',
  });
}

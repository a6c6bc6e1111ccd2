/**
 * The page's side of lib/scale/worker.ts (one Worker per widget, made on first Start).
 * Tests replace `makeScaleWorker` (vi.mock) with an in-process fake.
 */
import type { ScaleEvent, ScaleJob } from '@/lib/scale/jobs';

export interface WorkerLike {
  postMessage(msg: { type: 'start'; job: ScaleJob }): void;
  onmessage: ((ev: { data: ScaleEvent & { run: number } }) => void) | null;
  terminate(): void;
}

export function makeScaleWorker(): WorkerLike {
  return new Worker(new URL('../../../lib/scale/worker.ts', import.meta.url), { type: 'module', name: 'scale-jobs' }) as unknown as WorkerLike;
}

/**
 * The page's side of lib/peft/worker.ts: one Worker per widget, created on first Start; events of
 * older runs (a Cancel, then a new Start) are dropped by their run number.
 * Tests replace `makeWorker` (vi.mock) with an in-process fake.
 */
import type { FinetuneRequest, JobEvent } from '@/lib/peft';

export interface WorkerLike {
  postMessage(msg: FinetuneRequest): void;
  onmessage: ((ev: { data: JobEvent & { run: number } }) => void) | null;
  terminate(): void;
}

export function makeWorker(): WorkerLike {
  return new Worker(new URL('../../../lib/peft/worker.ts', import.meta.url), { type: 'module', name: 'lora-finetune' }) as unknown as WorkerLike;
}

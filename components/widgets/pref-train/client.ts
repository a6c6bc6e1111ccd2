/**
 * The page's side of lib/align/worker.ts: one Worker per widget, created on first Start.
 * Tests replace `makeWorker` (vi.mock) with an in-process fake.
 */
import type { AlignEvent, AlignRequest } from '@/lib/align';

export interface AlignWorkerLike {
  postMessage(msg: AlignRequest): void;
  onmessage: ((ev: { data: AlignEvent & { run: number } }) => void) | null;
  terminate(): void;
}

export function makeWorker(): AlignWorkerLike {
  return new Worker(new URL('../../../lib/align/worker.ts', import.meta.url), { type: 'module', name: 'pref-train' }) as unknown as AlignWorkerLike;
}

/**
 * The page's side of lib/train/play-worker.ts: one Worker per widget. Tests replace `makeWorker`
 * (vi.mock) with an in-process fake.
 */
import type { PlayEvent, PlayRequest } from '@/lib/train/play-worker';

export interface PlayWorkerLike {
  postMessage(msg: PlayRequest): void;
  onmessage: ((ev: { data: PlayEvent & { run: number } }) => void) | null;
  terminate(): void;
}

export function makeWorker(): PlayWorkerLike {
  return new Worker(new URL('../../../lib/train/play-worker.ts', import.meta.url), { type: 'module', name: 'train-playground' }) as unknown as PlayWorkerLike;
}

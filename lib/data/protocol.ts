/**
 * Messages between the page and the data worker (worker.ts). The page posts a request with a
 * reqId; the worker answers with zero or more `progress` messages, then one `result` or `error`
 * with the same reqId. Jobs are synchronous inside the worker: to cancel, terminate the worker
 * (DataWorkerClient.cancel does it and starts a fresh one on the next request).
 */
import type { ExactJob, NearJob, NearParams, QualityJob } from './jobs';
import type { Overlap } from './contamination';

export type DataRequest =
  | { type: 'quality'; reqId: number; passages: string[] }
  | { type: 'near'; reqId: number; passages: string[]; params: NearParams }
  | { type: 'exact'; reqId: number; texts: string[]; k: number }
  | { type: 'contam'; reqId: number; train: string[]; test: string; n: number };

export interface DataResults {
  quality: QualityJob;
  near: NearJob;
  exact: ExactJob;
  contam: Overlap;
}

export type DataResponse =
  | { type: 'progress'; reqId: number; done: number; total: number }
  | { type: 'result'; reqId: number; result: DataResults[keyof DataResults]; ms: number }
  | { type: 'error'; reqId: number; message: string };

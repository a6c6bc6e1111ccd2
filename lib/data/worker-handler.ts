/** The data worker's logic as a plain function (testable in Node without a Worker). */
import { contaminationJob, exactJob, nearJob, qualityJob } from './jobs';
import type { DataRequest, DataResponse } from './protocol';

export function handleDataRequest(req: DataRequest, post: (msg: DataResponse) => void): void {
  const t0 = performance.now();
  let last = 0;
  const progress = (done: number, total: number) => {
    const now = performance.now();
    if (now - last < 50 && done < total) return; // at most ~20 messages a second
    last = now;
    post({ type: 'progress', reqId: req.reqId, done, total });
  };
  try {
    const result =
      req.type === 'quality'
        ? qualityJob(req.passages, progress)
        : req.type === 'near'
          ? nearJob(req.passages, req.params, progress)
          : req.type === 'exact'
            ? exactJob(req.texts, req.k, progress)
            : contaminationJob(req.train, req.test, req.n, progress);
    post({ type: 'result', reqId: req.reqId, result, ms: performance.now() - t0 });
  } catch (err) {
    post({ type: 'error', reqId: req.reqId, message: err instanceof Error ? err.message : String(err) });
  }
}

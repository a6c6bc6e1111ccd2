/**
 * A data-worker client per widget (so one widget's Cancel never stops another's job). In the
 * browser the jobs run in lib/data/worker.ts; where there is no Worker (jsdom tests) they run in
 * process, after a macrotask, through the same handler.
 */
import { DataWorkerClient, type DataWorkerLike } from '@/lib/data/worker-client';
import { handleDataRequest } from '@/lib/data/worker-handler';
import type { DataRequest, DataResponse } from '@/lib/data/protocol';

function inProcess(): DataWorkerLike {
  const w: DataWorkerLike = {
    onmessage: null,
    postMessage(req: DataRequest) {
      setTimeout(() => handleDataRequest(req, (msg: DataResponse) => w.onmessage?.({ data: msg })), 0);
    },
    terminate() {
      w.onmessage = null;
    },
  };
  return w;
}

export function makeDataClient(name: string): DataWorkerClient {
  return new DataWorkerClient(() =>
    typeof Worker === 'undefined'
      ? inProcess()
      : (new Worker(new URL('../../../lib/data/worker.ts', import.meta.url), { type: 'module', name }) as unknown as DataWorkerLike),
  );
}

/**
 * Web Worker entry for the data tools (quality statistics, near-duplicates, suffix arrays,
 * contamination) so the page never stalls. Create it from UI code with
 *   new Worker(new URL('../../lib/data/worker.ts', import.meta.url), { type: 'module' })
 * and talk to it with DataWorkerClient (worker-client.ts); messages: protocol.ts.
 */
import type { DataRequest, DataResponse } from './protocol';
import { handleDataRequest } from './worker-handler';

interface WorkerScope {
  onmessage: ((ev: { data: DataRequest }) => void) | null;
  postMessage(msg: DataResponse): void;
}

const scope = self as unknown as WorkerScope;
scope.onmessage = (ev) => handleDataRequest(ev.data, (msg) => scope.postMessage(msg));

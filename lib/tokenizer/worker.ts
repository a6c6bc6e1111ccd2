/**
 * Web Worker entry for tokenizer work on large inputs (training on a pasted book, encoding
 * megabytes). Create it from UI code with
 *   new Worker(new URL('../../lib/tokenizer/worker.ts', import.meta.url), { type: 'module' })
 * and talk to it with TokenizerWorkerClient (worker-client.ts); messages: protocol.ts.
 */
import type { WorkerRequest, WorkerResponse } from './protocol';
import { createWorkerState, handleRequest } from './worker-handler';

interface WorkerScope {
  onmessage: ((ev: { data: WorkerRequest }) => void) | null;
  postMessage(msg: WorkerResponse, transfer?: ArrayBuffer[]): void;
}

const scope = self as unknown as WorkerScope;
const state = createWorkerState();
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (ev) => {
  // one request at a time, in order
  queue = queue.then(() => handleRequest(state, ev.data, (msg, transfer) => scope.postMessage(msg, transfer ?? [])));
};

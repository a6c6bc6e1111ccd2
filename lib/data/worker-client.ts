/**
 * Promise-based client for the data worker, with cancel. `make` creates a worker (anything
 * Worker-shaped, so tests can pass an in-process fake); it is called again after a cancel.
 *
 *   const client = new DataWorkerClient(() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }));
 *   const r = await client.run({ type: 'exact', texts, k: 100 }, (done, total) => setProgress(done / total));
 *   client.cancel(); // rejects the pending run with CancelledError, terminates the worker
 */
import type { DataRequest, DataResponse, DataResults } from './protocol';

export interface DataWorkerLike {
  postMessage(msg: DataRequest): void;
  onmessage: ((ev: { data: DataResponse }) => void) | null;
  terminate(): void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

type Pending = { resolve: (r: unknown) => void; reject: (e: Error) => void; progress?: (done: number, total: number) => void };
type Req = DataRequest extends infer R ? (R extends { reqId: number } ? Omit<R, 'reqId'> : never) : never;

export class DataWorkerClient {
  private worker: DataWorkerLike | null = null;
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly make: () => DataWorkerLike) {}

  private get w(): DataWorkerLike {
    if (!this.worker) {
      const w = this.make();
      w.onmessage = (ev) => {
        const m = ev.data;
        const p = this.pending.get(m.reqId);
        if (!p) return;
        if (m.type === 'progress') return p.progress?.(m.done, m.total);
        this.pending.delete(m.reqId);
        if (m.type === 'error') p.reject(new Error(m.message));
        else p.resolve(m.result);
      };
      this.worker = w;
    }
    return this.worker;
  }

  run<T extends Req>(req: T, onProgress?: (done: number, total: number) => void): Promise<DataResults[T['type']]> {
    const reqId = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(reqId, { resolve: resolve as (r: unknown) => void, reject, progress: onProgress });
      this.w.postMessage({ ...req, reqId } as DataRequest);
    });
  }

  /** Stop whatever runs: terminate the worker and reject every pending run with CancelledError. */
  cancel(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new CancelledError());
    this.pending.clear();
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }
}

/**
 * A promise queue: tasks run one at a time, in the order they were enqueued. onnxruntime-web
 * rejects overlapping calls on one session, and WASM/WebGPU work on one thread gains nothing
 * from overlap, so every session create/run goes through one of these.
 *
 * A failing task rejects its own promise only; the queue carries on with the next.
 *
 * Example: q.run(a); q.run(b) — b starts after a settles, even if a throws.
 */
export interface TaskQueue {
  run<T>(task: () => Promise<T> | T): Promise<T>;
  /** Tasks enqueued and not yet settled. */
  readonly pending: number;
}

export function createQueue(): TaskQueue {
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  return {
    run<T>(task: () => Promise<T> | T): Promise<T> {
      pending++;
      const result = tail.then(() => task());
      const settle = () => {
        pending--;
      };
      tail = result.then(settle, settle);
      return result;
    },
    get pending() {
      return pending;
    },
  };
}

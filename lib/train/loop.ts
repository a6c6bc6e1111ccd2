/**
 * A cancellable step loop for a Web Worker (or a test): runs `step` up to n times, hands control
 * back to the event loop every `sliceMs` of work so a Cancel message is heard, and flushes what
 * the steps produced in chunks (one postMessage per slice instead of one per step).
 *
 *   await runSteps(100, () => run.trainStep(), { cancelled, yieldToEvents, flush: (rs) => post(rs) })
 *   → { done: 100, cancelled: false }   (or fewer when cancelled() turned true between steps)
 *
 * The step itself is never interrupted: a step in flight finishes, then the loop stops. A step may
 * be asynchronous (an ONNX Runtime session.run): the loop awaits it before the next.
 */
export interface LoopIO<R> {
  cancelled(): boolean;
  /** Lets the host process messages (a worker's Cancel); omitted = never yields. */
  yieldToEvents?(): Promise<void>;
  /** Receives the results of the steps since the last flush (never empty). */
  flush(results: R[]): void;
  /** Work between yields, ms (default 30). */
  sliceMs?: number;
  /** Clock (default performance.now). */
  now?(): number;
}

export async function runSteps<R>(n: number, step: (i: number) => R | Promise<R>, io: LoopIO<R>): Promise<{ done: number; cancelled: boolean }> {
  const now = io.now ?? (() => performance.now());
  const slice = io.sliceMs ?? 30;
  let pending: R[] = [];
  let since = now();
  let done = 0;
  const flush = (): void => {
    if (pending.length) io.flush(pending);
    pending = [];
  };
  while (done < n) {
    if (io.cancelled()) break;
    const r = step(done);
    pending.push(r instanceof Promise ? await r : r);
    done++;
    if (now() - since >= slice) {
      flush();
      if (io.yieldToEvents) await io.yieldToEvents();
      since = now();
    }
  }
  flush();
  return { done, cancelled: done < n };
}

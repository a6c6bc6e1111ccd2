/**
 * The one thing every evaluation here needs from a model: logits for a sequence of ids.
 * The page passes the model worker (onnxruntime-web), the tests pass EagerOps on real weights.
 *
 *   forward([5, 9, 2]) → { logits: Float32Array(3 · V), vocab: V }   // row t scores token t + 1
 */
export type EvalForward = (ids: number[]) => Promise<{ logits: ArrayLike<number>; vocab: number }>;

/** Options shared by the runners: stop between forwards when aborted, report progress. */
export interface RunOptions {
  signal?: AbortSignal;
  onStep?: (done: number, total: number) => void;
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new DOMException('cancelled', 'AbortError');
}

/** ln p(id) under row `row` of logits [T, V] (log-softmax of one row, max-subtracted). */
export function logProbAt(logits: ArrayLike<number>, vocab: number, row: number, id: number): number {
  const o = row * vocab;
  let max = -Infinity;
  for (let j = 0; j < vocab; j++) if (logits[o + j] > max) max = logits[o + j];
  let s = 0;
  for (let j = 0; j < vocab; j++) s += Math.exp(logits[o + j] - max);
  return logits[o + id] - max - Math.log(s);
}

/** Index of the largest entry of row `row` (lowest index wins a tie, like torch.argmax). */
export function argmaxAt(logits: ArrayLike<number>, vocab: number, row: number): number {
  const o = row * vocab;
  let best = 0;
  for (let j = 1; j < vocab; j++) if (logits[o + j] > logits[o + best]) best = j;
  return best;
}

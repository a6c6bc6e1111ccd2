/**
 * Original vs quantized on a fixed slice of held-out text: both models score the same windows
 * (window w: tokens x_0..x_T; inputs x_0..x_{T-1}, targets x_1..x_T), giving each model's
 * validation loss (mean NLL, nats/token), the mean KL(original ‖ quantized) of the next-token
 * distributions over every position, and how often their top-1 tokens agree.
 *
 * `run` is any forward: ids → logits [T, V] flat (ORT in a worker, ORT in Node, or eager TS).
 * Windows run one at a time; `signal` stops between windows (a Cancel button).
 */
import { klFromLogits, nllSum, top1Agreement } from './compare';

export type Forward = (ids: number[]) => Promise<Float32Array>;

export interface SliceResult {
  windows: number;
  tokens: number;
  lossA: number;
  lossB: number;
  /** Mean over positions of KL(A ‖ B), nats. */
  kl: number;
  agree: number;
}

export async function compareOnSlice(
  runA: Forward, runB: Forward, windows: readonly (readonly number[])[], vocab: number,
  opts: { signal?: AbortSignal; onWindow?: (done: number, total: number) => void } = {},
): Promise<SliceResult> {
  let a = 0, b = 0, kl = 0, agree = 0, tokens = 0;
  for (let w = 0; w < windows.length; w++) {
    if (opts.signal?.aborted) throw new DOMException('cancelled', 'AbortError');
    const ids = windows[w].slice(0, -1);
    const targets = windows[w].slice(1);
    const [la, lb] = [await runA(ids), await runB(ids)];
    a += nllSum(la, vocab, targets).sum;
    b += nllSum(lb, vocab, targets).sum;
    for (let t = 0; t < ids.length; t++) kl += klFromLogits(la.subarray(t * vocab, (t + 1) * vocab), lb.subarray(t * vocab, (t + 1) * vocab));
    agree += top1Agreement(la, lb, vocab) * ids.length;
    tokens += ids.length;
    opts.onWindow?.(w + 1, windows.length);
  }
  const n = Math.max(1, tokens);
  return { windows: windows.length, tokens, lossA: a / n, lossB: b / n, kl: kl / n, agree: agree / n };
}

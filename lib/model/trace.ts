/**
 * Reading taps: per-head taps are [1, n, R, X] (n heads; R rows = T queries; X = hs or S keys).
 * headOf picks one head as a [R, X] matrix; it works on an eager trace tensor and on an ORT output
 * alike (anything with {data, shape}).
 *
 *   const probs = headOf(trace.get(names.attnProbs(0))!, 2);   // [T, S] for head 2 of block 0
 */
import type { Tensor } from '@/lib/tensor';

export function headOf(t: { data: ArrayLike<number> & { subarray?: unknown }; shape: readonly number[] }, h: number): Tensor {
  if (t.shape.length !== 4 || t.shape[0] !== 1) throw new Error(`headOf: expected [1, n, R, X], got [${t.shape}]`);
  const [, n, R, X] = t.shape;
  if (!Number.isInteger(h) || h < 0 || h >= n) throw new Error(`headOf: head ${h} is outside 0..${n - 1}`);
  const data = Float32Array.from({ length: R * X }, (_, i) => Number(t.data[h * R * X + i]));
  return { data, shape: [R, X] };
}

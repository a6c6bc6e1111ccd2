/**
 * Causal masking and the positions it is built from.
 *
 * A query at absolute position p may attend to keys 0..p. With `past` cached tokens, the T new
 * queries sit at positions past..past+T-1 and see S = past + T keys. Masked scores become -∞ so
 * softmax gives them probability exactly 0.
 *
 * Example (past 0, T 3): allowed = [[1,0,0],[1,1,0],[1,1,1]].
 */
import type { Tensor } from './tensor';

/** Bool [T, S]: 1 where key j is in the future of query i (to be masked). */
export function futureMask(T: number, past: number): { data: Uint8Array; shape: number[] } {
  const S = past + T;
  const out = new Uint8Array(T * S);
  for (let i = 0; i < T; i++) for (let j = 0; j < S; j++) out[i * S + j] = j > past + i ? 1 : 0;
  return { data: out, shape: [T, S] };
}

/** Sets future entries of scores [..., T, S] to -∞. */
export function causalMask(scores: Tensor, past = 0): Tensor {
  const r = scores.shape.length;
  const T = scores.shape[r - 2];
  const S = scores.shape[r - 1];
  if (S !== past + T) throw new Error(`causalMask: S=${S} but past+T=${past + T}`);
  const out = Float32Array.from(scores.data);
  for (let o = 0; o < out.length; o += T * S)
    for (let i = 0; i < T; i++) for (let j = past + i + 1; j < S; j++) out[o + i * S + j] = -Infinity;
  return { data: out, shape: [...scores.shape] };
}

/**
 * log π(y | x): the summed log-probability a causal LM gives an answer y after a prompt x, on the
 * training tape (differentiable) or eagerly (for evaluation and for the frozen reference).
 *
 *   tokens = x ++ y                        (x, y tokenized separately, then joined)
 *   input  = tokens[0 .. T−1], T = |x| + |y| − 1
 *   log π(y|x) = Σ_{i=|x|−1}^{T−1} log softmax(logits[i])[tokens[i+1]]
 *
 * Only the answer's tokens are counted; the prompt only conditions them. lib/train's crossEntropy
 * gives the mean over the counted rows, so the sum is −|y| · mean.
 *
 * Example: x = [5, 6], y = [7, 8] → input [5, 6, 7], targets [−1, 7, 8].
 */
import { ids as idsTensor, type AnyTensor, type Tensor } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import { EagerOps, type WeightMap } from '@/lib/model/eager';
import type { Ops } from '@/lib/model/ops';
import { crossEntropy, modelLogits, type GradOps, type Var } from '@/lib/train';

/** Inputs and targets (−1 = prompt position, not counted) for prompt x and answer y. */
export function answerTargets(x: readonly number[], y: readonly number[]): { input: number[]; targets: number[] } {
  if (x.length < 1 || y.length < 1) throw new Error('a prompt and an answer need at least one token each');
  const tokens = [...x, ...y];
  const input = tokens.slice(0, -1);
  const targets = input.map((_, i) => (i + 1 >= x.length ? tokens[i + 1] : -1));
  return { input, targets };
}

/** log π(y|x) as a scalar Var on g's tape; `ops` is g itself or a wrapper around it (LoRA). */
export function logProbVar(g: GradOps, ops: Ops<Var>, cfg: TransformerConfig, x: readonly number[], y: readonly number[]): Var {
  const { input, targets } = answerTargets(x, y);
  const logits = modelLogits(ops, cfg, g.ids(idsTensor(input))); // [1, T, V]
  return g.scale(g.crossEntropy(logits, targets, -1), -y.length); // []
}

/** log π(y|x) computed eagerly; `wrap` puts e.g. LoRA around the weights. */
export function logProb(cfg: TransformerConfig, w: WeightMap, x: readonly number[], y: readonly number[], wrap?: (o: Ops<AnyTensor>) => Ops<AnyTensor>): number {
  const { input, targets } = answerTargets(x, y);
  const eager = new EagerOps(w);
  const logits = modelLogits(wrap ? wrap(eager) : eager, cfg, idsTensor(input)) as Tensor; // [1, T, V]
  return -y.length * crossEntropy(logits, targets, -1).loss;
}

/** Logits [1, T, V] of a whole text, eagerly (for the KL on held-out text and the next-token probe). */
export function logitsOf(cfg: TransformerConfig, w: WeightMap, tokens: readonly number[], wrap?: (o: Ops<AnyTensor>) => Ops<AnyTensor>): Tensor {
  const eager = new EagerOps(w);
  return modelLogits(wrap ? wrap(eager) : eager, cfg, idsTensor([...tokens])) as Tensor;
}

/** softmax of the last row of logits [.., V]: the next-token distribution after the text. */
export function lastRowProbs(logits: Tensor): Float64Array {
  const V = logits.shape[logits.shape.length - 1];
  const o = logits.data.length - V;
  let m = -Infinity;
  for (let j = 0; j < V; j++) if (logits.data[o + j] > m) m = logits.data[o + j];
  const p = new Float64Array(V);
  let s = 0;
  for (let j = 0; j < V; j++) s += p[j] = Math.exp(logits.data[o + j] - m);
  for (let j = 0; j < V; j++) p[j] /= s;
  return p;
}

/** The k most probable ids of p, then each id of `extra` not already there (order kept). */
export function probeIds(p: ArrayLike<number>, k: number, extra: readonly number[]): number[] {
  const top = Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[b] - p[a] || a - b).slice(0, k);
  for (const e of extra) if (!top.includes(e)) top.push(e);
  return top;
}

/**
 * Toy sequence tasks for training a tiny Transformer from scratch (the training playground), and
 * the playground's default model. Every example is `question SEP answer`; the loss and the
 * accuracy count only the answer tokens (targets −1 elsewhere), so the model is graded on the task,
 * not on guessing random inputs.
 *
 *   copy     x₁…x_L  SEP  x₁…x_L            symbols 0..n−1, SEP = n
 *   reverse  x₁…x_L  SEP  x_L…x₁
 *   sort     x₁…x_L  SEP  sorted(x)
 *   modadd   a  b    SEP  (a + b) mod n      (Power et al. 2022, "Grokking", §2: binary op tables)
 *
 * Example (copy, n 4, L 3): question [2, 0, 3], tokens [2, 0, 3, 4, 2, 0, 3];
 * inputs = tokens[0..5], targets = [−1, −1, −1, 2, 0, 3] (the answer, predicted after SEP).
 */
import { argmax, ids, mulberry32, type Rng, type Tensor } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import { EagerOps, type WeightMap } from '@/lib/model/eager';
import { modelLogits, type Example } from './step';

export type TaskKind = 'copy' | 'reverse' | 'sort' | 'modadd';

export interface TaskSpec {
  kind: TaskKind;
  /** n: symbols 0..n−1 (the modulus for modadd). */
  symbols: number;
  /** L: question length (modadd always uses 2). */
  length: number;
}

/** Vocabulary: the n symbols plus SEP. */
export const taskVocab = (t: TaskSpec): number => t.symbols + 1;
/** Tokens per example: question, SEP, answer. */
export const taskTokens = (t: TaskSpec): number => (t.kind === 'modadd' ? 4 : 2 * t.length + 1);

export function answerOf(t: TaskSpec, q: readonly number[]): number[] {
  switch (t.kind) {
    case 'copy':
      return [...q];
    case 'reverse':
      return [...q].reverse();
    case 'sort':
      return [...q].sort((a, b) => a - b);
    case 'modadd':
      return [(q[0] + q[1]) % t.symbols];
  }
}

/** One example from a question: tokens (T + 1) and answer-only targets (T). */
export function exampleOf(t: TaskSpec, q: readonly number[]): Example {
  const sep = t.symbols;
  const a = answerOf(t, q);
  const tokens = [...q, sep, ...a];
  const targets = tokens.slice(1).map((tok, i) => (i >= q.length ? tok : -1));
  return { tokens, targets };
}

export function sampleExample(t: TaskSpec, rng: Rng): Example {
  const L = t.kind === 'modadd' ? 2 : t.length;
  return exampleOf(t, Array.from({ length: L }, () => rng.int(t.symbols)));
}

/** A seeded stream of mini-batches. */
export function batches(t: TaskSpec, size: number, seed: number): () => Example[] {
  const rng = mulberry32(seed);
  return () => Array.from({ length: size }, () => sampleExample(t, rng));
}

export interface Accuracy {
  /** Answer tokens predicted right (argmax, teacher-forced) / answer tokens. */
  token: number;
  /** Examples whose whole answer is right. */
  exact: number;
}

/** Teacher-forced accuracy of a model on examples (eager forward, argmax at answer positions). */
export function accuracy(cfg: TransformerConfig, weights: WeightMap, examples: readonly Example[]): Accuracy {
  let right = 0;
  let total = 0;
  let exact = 0;
  for (const ex of examples) {
    const logits = modelLogits(new EagerOps(weights), cfg, ids(ex.tokens.slice(0, -1)));
    const pred = argmax(logits as Tensor);
    let all = true;
    ex.targets!.forEach((t, i) => {
      if (t < 0) return;
      total++;
      if (pred[i] === t) right++;
      else all = false;
    });
    if (all) exact++;
  }
  return { token: total ? right / total : 0, exact: examples.length ? exact / examples.length : 0 };
}

/** The playground's default model for a task: 2 layers, width 32, 2 heads, RoPE, RMSNorm, SwiGLU. */
export function playgroundConfig(t: TaskSpec, over: Partial<TransformerConfig> = {}): TransformerConfig {
  return {
    vocabSize: taskVocab(t), contextLength: taskTokens(t), nLayer: 2, dModel: 32, nHead: 2, nKvHead: 2, dFF: 64,
    norm: 'rmsnorm', normEps: 1e-5, position: 'rope', rope: { base: 10000 }, mlp: 'swiglu', tiedEmbeddings: true, bias: false,
    ...over,
  };
}

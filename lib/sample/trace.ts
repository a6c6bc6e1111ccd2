/**
 * Generation with its working shown: for every generated token, the distribution it was drawn
 * from. Runs the ordinary loop (./generate.ts) and records, per step, the sampler's distribution
 * (after penalty, temperature and filters — what the draw used) next to the model's own softmax
 * at T = 1, the chosen token's probability and rank under both, and the entropy.
 *
 * Example (greedy over logits (2, 1, 0) at every step): each step chooses id 0 with drawn
 * probability 1, model probability 0.665, model rank 1, and the drawn distribution's entropy 0.
 */
import { generateStream, type GenerateOptions, type GenerateResult } from './generate';
import { distribution } from './sampler';
import { softmax } from './softmax';

export interface TraceEntry {
  id: number;
  /** Probability the sampler gave it (the distribution the draw used). */
  p: number;
  /** The model's own probability, softmax of the raw logits at T = 1. */
  model: number;
}

export interface TraceStep {
  /** 0 for the first generated token. */
  index: number;
  /** Ids the model saw at this step (prompt + earlier tokens). */
  contextLength: number;
  chosen: number;
  chosenP: number;
  chosenModelP: number;
  /** 1-based rank of the chosen token under the model's own distribution. */
  chosenModelRank: number;
  /** Entropy of the drawn distribution, nats. */
  entropy: number;
  /** Entropy of the model's own distribution at T = 1, nats. */
  modelEntropy: number;
  /** Tokens with non-zero drawn probability. */
  kept: number;
  /** The `top` most probable tokens of the drawn distribution (ties: model probability). */
  top: TraceEntry[];
}

export interface TraceResult {
  steps: TraceStep[];
  result: GenerateResult;
}

function entropy(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) h -= p[i] * Math.log(p[i]);
  return h;
}

/** One step's record from its logits [V], the context before it, and the chosen id. */
export function traceStep(index: number, logits: ArrayLike<number>, context: readonly number[], chosen: number, o: Pick<GenerateOptions, 'sampler'>, top = 10): TraceStep {
  const drawn = distribution(logits, o.sampler ?? { temperature: 0 }, context); // [V]
  const model = softmax(logits); // [V]
  let rank = 1;
  let kept = 0;
  for (let i = 0; i < model.length; i++) {
    if (model[i] > model[chosen] || (model[i] === model[chosen] && i < chosen)) rank++;
    if (drawn[i] > 0) kept++;
  }
  const order = Array.from({ length: drawn.length }, (_, i) => i).sort((a, b) => drawn[b] - drawn[a] || model[b] - model[a] || a - b);
  return {
    index,
    contextLength: context.length,
    chosen,
    chosenP: drawn[chosen],
    chosenModelP: model[chosen],
    chosenModelRank: rank,
    entropy: entropy(drawn),
    modelEntropy: entropy(model),
    kept,
    top: order.slice(0, top).map((id) => ({ id, p: drawn[id], model: model[id] })),
  };
}

/** generate() with a TraceStep per new token; onStep sees each as it is made. */
export async function traceGeneration<C>(o: GenerateOptions<C>, opts: { top?: number; onStep?: (s: TraceStep) => void } = {}): Promise<TraceResult> {
  let lastLogits: Float32Array | null = null;
  let lastContext: number[] = [];
  const inner: GenerateOptions<C> = {
    ...o,
    nextLogits: async (ids, cache) => {
      lastContext = [...ids];
      lastLogits = await o.nextLogits(ids, cache);
      return lastLogits;
    },
  };
  const steps: TraceStep[] = [];
  const it = generateStream(inner);
  for (;;) {
    const r = await it.next();
    if (r.done) return { steps, result: r.value };
    if (!lastLogits) throw new Error('traceGeneration: a token came without logits');
    const s = traceStep(r.value.index, lastLogits, lastContext, r.value.id, o, opts.top);
    steps.push(s);
    opts.onStep?.(s);
  }
}

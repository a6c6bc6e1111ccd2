/**
 * One sampling step: logits [V] → a token id, with the processors applied in the order
 * Hugging Face transformers uses: repetition penalty → temperature → top-k → top-p → min-p.
 * temperature 0 means greedy (argmax after the repetition penalty). The random source is passed
 * in (e.g. mulberry32 from lib/tensor), so a seed reproduces a sample exactly.
 */

import { applyRepetitionPenalty, minP, topK, topP } from './filters';
import { argmax, softmax } from './softmax';

/** Anything with a uniform() in [0, 1): lib/tensor's Rng fits. */
export interface UniformSource {
  uniform(): number;
}

export interface SamplerOptions {
  /** 0 = greedy; 1 = the model's distribution; default 1. */
  temperature?: number;
  topK?: number;
  topP?: number;
  minP?: number;
  /** θ > 1 discourages tokens already in the history; default 1 (off). */
  repetitionPenalty?: number;
}

/** The distribution a sample is drawn from (one-hot at the argmax when greedy). */
export function distribution(logits: ArrayLike<number>, opts: SamplerOptions = {}, history: readonly number[] = []): Float64Array {
  const theta = opts.repetitionPenalty ?? 1;
  const x = theta === 1 ? logits : applyRepetitionPenalty(logits, history, theta); // [V]
  const temperature = opts.temperature ?? 1;
  if (temperature === 0) {
    const p = new Float64Array(x.length);
    p[argmax(x)] = 1;
    return p;
  }
  let p = softmax(x, temperature); // [V]
  if (opts.topK !== undefined) p = topK(p, opts.topK);
  if (opts.topP !== undefined && opts.topP < 1) p = topP(p, opts.topP);
  if (opts.minP !== undefined && opts.minP > 0) p = minP(p, opts.minP);
  return p;
}

/** Inverse-CDF draw: the first i with Σ_{j≤i} p_j > u·Σp. Zero-probability ids are never drawn. */
export function drawCategorical(p: ArrayLike<number>, rng: UniformSource): number {
  let total = 0;
  for (let i = 0; i < p.length; i++) total += p[i];
  const u = rng.uniform() * total;
  let acc = 0;
  let last = -1;
  for (let i = 0; i < p.length; i++) {
    if (p[i] <= 0) continue;
    acc += p[i];
    last = i;
    if (u < acc) return i;
  }
  if (last < 0) throw new Error('drawCategorical: empty distribution');
  return last; // u landed in the rounding gap at the very top
}

/** Greedy decoding: the most likely token. */
export function greedy(logits: ArrayLike<number>): number {
  return argmax(logits);
}

/** Picks the next token id from logits [V]. */
export function sampleToken(logits: ArrayLike<number>, opts: SamplerOptions, rng: UniformSource, history: readonly number[] = []): number {
  const p = distribution(logits, opts, history); // [V]
  if ((opts.temperature ?? 1) === 0) return argmax(p);
  return drawCategorical(p, rng);
}

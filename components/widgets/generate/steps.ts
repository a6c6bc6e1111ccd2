/**
 * Pure steps between the widget state, the runtime's answers and the figures:
 * sampler options from the sliders, the tapped run's outputs → attention matrices and the
 * next-token distribution, and the speed numbers of a generation.
 */
import { names } from '@/lib/model/names';
import { distribution, softmax, type SamplerOptions } from '@/lib/sample';
import type { WireTensor } from '@/lib/runtime/protocol';
import type { GenerateState } from './index';

/** topK 0 and topP 1 mean "off"; temperature 0 means greedy. */
export function samplerOf(s: Pick<GenerateState, 'temperature' | 'topK' | 'topP'>): SamplerOptions {
  return {
    temperature: s.temperature,
    ...(s.topK > 0 ? { topK: s.topK } : {}),
    ...(s.topP < 1 ? { topP: s.topP } : {}),
  };
}

/** ids → the graph's int64 input [1, T]. */
export function idsFeed(ids: readonly number[]): Record<string, WireTensor> {
  return { [names.ids()]: { dtype: 'int64', dims: [1, ids.length], data: BigInt64Array.from(ids, (i) => BigInt(i)) } };
}

export interface Attention {
  /** attnProbs per layer: data [nh · T · S], dims [1, nh, T, S]. */
  layers: { data: Float32Array; dims: number[] }[];
  nHead: number;
  T: number;
  S: number;
}

/** The attention-probability taps of every layer, from a 'taps' run's outputs. */
export function attentionOf(outputs: Record<string, WireTensor>): Attention {
  const layers: Attention['layers'] = [];
  for (let l = 0; outputs[names.attnProbs(l)]; l++) {
    const t = outputs[names.attnProbs(l)];
    if (t.dtype !== 'float32' || t.dims.length !== 4) throw new Error(`${names.attnProbs(l)}: expected float32 [1, nh, T, S], got ${t.dtype} [${t.dims}]`);
    layers.push({ data: t.data as Float32Array, dims: t.dims });
  }
  if (layers.length === 0) throw new Error(`the tapped run returned no ${names.attnProbs(0)}`);
  const [, nHead, T, S] = layers[0].dims;
  return { layers, nHead, T, S };
}

/** One head's [T, S] matrix (a view, no copy). Layer and head are clamped to what exists. */
export function headMatrix(a: Attention, layer: number, head: number): Float32Array {
  const l = a.layers[Math.min(Math.max(0, layer), a.layers.length - 1)];
  const h = Math.min(Math.max(0, head), a.nHead - 1);
  const n = a.T * a.S;
  return l.data.subarray(h * n, (h + 1) * n); // [T, S]
}

export interface NextToken {
  /** Probabilities the sampler drew from at that step (greedy: the model's softmax at T = 1). */
  probs: Float64Array;
  /** The token that was drawn there, when the step produced one. */
  chosen?: number;
  greedy: boolean;
}

/**
 * The distribution of the last generation step, from logits [1, T, V] over prompt + new ids:
 * row T-2 predicted the last token (which is marked chosen); with no new token, row T-1.
 */
export function lastStep(logits: WireTensor, ids: readonly number[], newCount: number, sampler: SamplerOptions): NextToken {
  const [, T, V] = logits.dims;
  const row = newCount > 0 ? T - 2 : T - 1;
  const x = (logits.data as Float32Array).subarray(row * V, (row + 1) * V); // [V]
  const greedy = (sampler.temperature ?? 1) === 0;
  const history = ids.slice(0, row + 1);
  const probs = greedy ? softmax(x, 1) : distribution(x, sampler, history);
  return { probs: Float64Array.from(probs), greedy, ...(newCount > 0 ? { chosen: ids[T - 1] } : {}) };
}

export interface Speed {
  tokens: number;
  /** The first step: prefill of the prompt + one sample. */
  firstMs: number;
  /** Tokens per second over the steps after the first (one-token decodes); null with < 2 tokens. */
  decodePerS: number | null;
  totalMs: number;
}

/** Speed from per-step milliseconds. Example: [100, 50, 50] → first 100 ms, 2 tokens in 100 ms = 20 tokens/s. */
export function speedOf(stepMs: readonly number[]): Speed {
  const totalMs = stepMs.reduce((a, b) => a + b, 0);
  const rest = totalMs - (stepMs[0] ?? 0);
  return {
    tokens: stepMs.length,
    firstMs: stepMs[0] ?? 0,
    decodePerS: stepMs.length >= 2 && rest > 0 ? ((stepMs.length - 1) * 1000) / rest : null,
    totalMs,
  };
}

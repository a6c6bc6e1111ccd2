/**
 * Autoregressive generation over an abstract step function (./step.ts): sample a token, append
 * it, repeat, until max tokens, a stop id, the context length, or an abort signal. Tokens stream
 * out through an async iterator (generateStream) or a callback (generate).
 *
 * Example (greedy):
 *   const r = await generate({ nextLogits, prompt: [1, 2], maxNewTokens: 16, stopIds: [0] });
 *   r.newIds   // the generated ids, the stop id left out
 */

import type { NextLogits } from './step';
import { sampleToken, type SamplerOptions, type UniformSource } from './sampler';

export type StopReason = 'max-tokens' | 'stop-id' | 'context' | 'aborted';

export interface GenerateOptions<C = unknown> {
  nextLogits: NextLogits<C>;
  prompt: readonly number[];
  maxNewTokens: number;
  /** Default { temperature: 0 } (greedy). Any temperature > 0 needs `rng`. */
  sampler?: SamplerOptions;
  rng?: UniformSource;
  /** Generation stops when one of these is drawn; it is not appended. */
  stopIds?: readonly number[];
  /** State handed to every nextLogits call (e.g. a KV cache). */
  cache?: C;
  /** Stop (reason 'context') once the sequence has this many ids. */
  contextLength?: number;
  signal?: AbortSignal;
}

export interface TokenEvent {
  /** The new token. */
  id: number;
  /** 0 for the first generated token. */
  index: number;
  /** Milliseconds the step (model + sampling) took. */
  ms: number;
}

export interface GenerateResult {
  /** prompt + generated ids. */
  ids: number[];
  newIds: number[];
  stopReason: StopReason;
  /** The stop id drawn, when stopReason is 'stop-id'. */
  stopId?: number;
}

function checkOptions(o: GenerateOptions<unknown>): SamplerOptions {
  const sampler = o.sampler ?? { temperature: 0 };
  if (!Number.isInteger(o.maxNewTokens) || o.maxNewTokens < 0) throw new Error(`maxNewTokens must be an integer ≥ 0 (got ${o.maxNewTokens})`);
  if ((sampler.temperature ?? 1) !== 0 && !o.rng) throw new Error('sampling with temperature > 0 needs an rng (e.g. mulberry32(seed))');
  if (o.prompt.length === 0) throw new Error('generate needs a non-empty prompt');
  return sampler;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const NO_RNG: UniformSource = { uniform: () => 0 }; // only reached when greedy

/** Yields each new token as it is chosen; returns the whole result when done. */
export async function* generateStream<C>(o: GenerateOptions<C>): AsyncGenerator<TokenEvent, GenerateResult, void> {
  const sampler = checkOptions(o as GenerateOptions<unknown>);
  const stop = new Set(o.stopIds ?? []);
  const ids = [...o.prompt];
  const newIds: number[] = [];
  const finish = (stopReason: StopReason, stopId?: number): GenerateResult => ({ ids, newIds, stopReason, ...(stopId === undefined ? {} : { stopId }) });
  while (newIds.length < o.maxNewTokens) {
    if (o.signal?.aborted) return finish('aborted');
    if (o.contextLength !== undefined && ids.length >= o.contextLength) return finish('context');
    const t0 = now();
    const logits = await o.nextLogits(ids, o.cache); // [V]
    if (o.signal?.aborted) return finish('aborted');
    const id = sampleToken(logits, sampler, o.rng ?? NO_RNG, ids);
    if (stop.has(id)) return finish('stop-id', id);
    ids.push(id);
    newIds.push(id);
    yield { id, index: newIds.length - 1, ms: now() - t0 };
  }
  return finish('max-tokens');
}

/** Runs generateStream to the end, calling onToken for each new token. */
export async function generate<C>(o: GenerateOptions<C>, onToken?: (e: TokenEvent) => void): Promise<GenerateResult> {
  const it = generateStream(o);
  for (;;) {
    const step = await it.next();
    if (step.done) return step.value;
    onToken?.(step.value);
  }
}

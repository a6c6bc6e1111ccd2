/** Pure helpers of the compare widget: where two generations part, and the sampler it uses. */
import type { SamplerOptions } from '@/lib/sample';

/** Length of the common prefix of two id lists. */
export function commonPrefix(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Temperature only (0 = greedy): both models get exactly the same sampler and seed. */
export function samplerOf(temperature: number): SamplerOptions {
  return temperature === 0 ? { temperature: 0 } : { temperature };
}

/** Perplexity from a mean NLL in nats. */
export const perplexity = (nll: number): number => Math.exp(nll);

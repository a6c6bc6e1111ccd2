/**
 * Self-consistency (Wang et al. 2023, "Self-Consistency Improves Chain of Thought Reasoning in
 * Language Models"): sample k answers at a temperature > 0 instead of one greedy answer, reduce
 * each to its final answer, and return the most frequent one (majority vote). The paper samples
 * whole chains of thought and votes over the answers they end in; a 2M-parameter model has no
 * reasoning to sample, so here each "answer" is just the first word it continues a cloze context
 * with — the vote then estimates the mode of that first-word distribution.
 *
 *   majorityVote(['Bennet', 'Darcy', 'Bennet']) → { answer: 'Bennet', count: 2 }
 */
import { mulberry32 } from '../tensor/rng';
import { greedy, sampleToken } from '../sample/sampler';
import { throwIfAborted, type EvalForward, type RunOptions } from './forward';

export interface Vote {
  answer: string;
  count: number;
  /** Every answer with its count, most frequent first (ties: first seen first). */
  tally: [string, number][];
}

/** The most frequent answer; a tie goes to the answer seen first. */
export function majorityVote(answers: readonly string[]): Vote {
  const counts = new Map<string, number>();
  for (const a of answers) counts.set(a, (counts.get(a) ?? 0) + 1);
  const tally = [...counts.entries()].sort((x, y) => y[1] - x[1]); // stable: first seen wins ties
  return { answer: tally[0]?.[0] ?? '', count: tally[0]?.[1] ?? 0, tally };
}

/** The first word of a continuation: letters, apostrophes and hyphens after leading spaces. */
export function firstWord(text: string): string {
  const m = /^\s*([A-Za-z][A-Za-z'-]*)/.exec(text);
  return m ? m[1] : text.trim().split(/\s+/)[0] ?? '';
}

export interface SampleOptions {
  /** Tokens generated per answer (enough for one word). */
  maxTokens: number;
  temperature: number;
  seed: number;
}

/**
 * One continuation of `ctx`: temperature 0 is greedy, otherwise tokens are drawn with `rng`.
 * Stops early once a token after the first starts with a space or punctuation (the word ended).
 */
export async function continueWord(
  ctx: readonly number[], forward: EvalForward, decode: (ids: number[]) => string, temperature: number,
  maxTokens: number, rng: { uniform(): number },
): Promise<string> {
  const out: number[] = [];
  for (let i = 0; i < maxTokens; i++) {
    const ids = [...ctx, ...out];
    const { logits, vocab } = await forward(ids);
    const last = Array.prototype.slice.call(logits, (ids.length - 1) * vocab, ids.length * vocab) as number[];
    const next = temperature === 0 ? greedy(last) : sampleToken(last, { temperature }, rng);
    if (out.length > 0 && /^[\s.,;:!?]/.test(decode([next]))) break;
    out.push(next);
  }
  return firstWord(decode(out));
}

export interface SelfConsistency {
  samples: string[];
  vote: Vote;
  greedy: string;
}

/** k sampled first words (one rng from the seed, drawn in order), their vote, and the greedy word. */
export async function selfConsistency(
  ctx: readonly number[], k: number, forward: EvalForward, decode: (ids: number[]) => string, o: SampleOptions,
  opts: RunOptions = {},
): Promise<SelfConsistency> {
  const rng = mulberry32(o.seed);
  const samples: string[] = [];
  for (let i = 0; i < k; i++) {
    throwIfAborted(opts.signal);
    samples.push(await continueWord(ctx, forward, decode, o.temperature, o.maxTokens, rng));
    opts.onStep?.(i + 1, k + 1);
  }
  throwIfAborted(opts.signal);
  const g = await continueWord(ctx, forward, decode, 0, o.maxTokens, rng);
  opts.onStep?.(k + 1, k + 1);
  return { samples, vote: majorityVote(samples), greedy: g };
}

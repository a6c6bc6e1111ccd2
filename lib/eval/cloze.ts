/**
 * Multiple choice by log-likelihood, the way GPT-3 was scored on cloze and completion tasks
 * (Brown et al. 2020, §2.4) and lm-evaluation-harness's `acc` / `acc_norm`: feed context + option,
 * add up ln p of the option's tokens given everything before them, and pick the option with the
 * highest score. No generation, no parsing: the model only ranks the options it is shown.
 *
 *   score(" Bennet" | "Mr. Darcy bowed to Miss") = ln p(" Bennet" | …)            one token
 *   score(" Potter" | …) = ln p(" P" | …) + ln p("ot" | … " P") + ln p("ter" | … " Pot")
 *
 * Longer options collect more negative terms, so the raw sum favours short options. Two common
 * normalisations: divide by the option's token count (mean per token) or by the UTF-8 bytes of
 * " " + option (per byte). lm-evaluation-harness's acc_norm divides by the option's length in
 * characters, without the space; for ASCII options that differs from ours by one in the divisor.
 */
import { logProbAt, throwIfAborted, type EvalForward, type RunOptions } from './forward';

export interface ClozeItem {
  /** Text before the gap (no trailing space). */
  context: string;
  /** Candidate fillers, each read as " " + option after the context. */
  options: string[];
  /** Index of the right option. */
  answer: number;
}

export type Norm = 'sum' | 'token' | 'byte';
export const NORMS: readonly Norm[] = ['sum', 'token', 'byte'];

export interface OptionScore {
  /** Σ ln p of the option's tokens (nats). */
  sum: number;
  tokens: number;
  bytes: number;
}

/** The score an option gets under a normalisation. */
export function normalised(s: OptionScore, norm: Norm): number {
  return norm === 'sum' ? s.sum : norm === 'token' ? s.sum / s.tokens : s.sum / s.bytes;
}

/**
 * Σ ln p of ids[start …] given the ids before them, from logits [T, V] of the whole sequence
 * (row t scores ids[t + 1]).
 */
export function continuationLogProb(logits: ArrayLike<number>, vocab: number, ids: readonly number[], start: number): number {
  if (start < 1) throw new Error('continuationLogProb: the continuation needs at least one context token');
  let s = 0;
  for (let t = start; t < ids.length; t++) s += logProbAt(logits, vocab, t - 1, ids[t]);
  return s;
}

/** Index of the best option under a normalisation (the first one wins a tie). */
export function pick(scores: readonly OptionScore[], norm: Norm): number {
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (normalised(scores[i], norm) > normalised(scores[best], norm)) best = i;
  return best;
}

/** Softmax of the normalised scores over the options: how the choice is split (display only). */
export function optionShares(scores: readonly OptionScore[], norm: Norm): number[] {
  const v = scores.map((s) => normalised(s, norm));
  const m = Math.max(...v);
  const e = v.map((x) => Math.exp(x - m));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

export interface Tokenize {
  encode(text: string): number[];
  /** UTF-8 bytes of a string. */
  bytes(text: string): number;
}

/** One forward per option: context ids then the option's ids (" " + option encoded alone). */
export async function scoreItem(item: ClozeItem, tok: Tokenize, forward: EvalForward): Promise<OptionScore[]> {
  const ctx = tok.encode(item.context);
  const out: OptionScore[] = [];
  for (const o of item.options) {
    const opt = tok.encode(` ${o}`);
    const ids = [...ctx, ...opt];
    const { logits, vocab } = await forward(ids);
    out.push({ sum: continuationLogProb(logits, vocab, ids, ctx.length), tokens: opt.length, bytes: tok.bytes(` ${o}`) });
  }
  return out;
}

/** Scores of every item (progress per item; stops between items when aborted). */
export async function scoreSet(items: readonly ClozeItem[], tok: Tokenize, forward: EvalForward, opts: RunOptions = {}): Promise<OptionScore[][]> {
  const out: OptionScore[][] = [];
  for (const item of items) {
    throwIfAborted(opts.signal);
    out.push(await scoreItem(item, tok, forward));
    opts.onStep?.(out.length, items.length);
  }
  return out;
}

/** Fraction of items whose picked option is the answer. */
export function accuracy(items: readonly ClozeItem[], scores: readonly OptionScore[][], norm: Norm): number {
  if (scores.length === 0) return NaN;
  let right = 0;
  scores.forEach((s, i) => { if (pick(s, norm) === items[i].answer) right++; });
  return right / scores.length;
}

/** Expected accuracy of a uniform guess: mean of 1 / (number of options). */
export function chance(items: readonly ClozeItem[]): number {
  return items.reduce((a, it) => a + 1 / it.options.length, 0) / items.length;
}

/**
 * Speculative decoding over two language models, and plain decoding over the same interface so
 * the two can be timed through the same plumbing.
 *
 *   draft  (cheap)  k autoregressive steps:  q_1..q_k, x_i ~ q_i
 *   target (big)    ONE call on ids + x_1..x_k → p_1..p_{k+1} (the logits of the last k + 1 positions)
 *   rule            ./rule.ts verifyDraft → accepted prefix + one resampled or bonus token
 *
 * A model is a `SpecLM`: rows(ids, n) = the logits of the last n positions of ids. ./cached-lm.ts
 * implements it over a KV cache that rolls back (truncates) to the longest prefix it still shares
 * with ids — that is how rejected draft tokens leave both caches.
 *
 * Example:
 *   const r = await speculativeGenerate({ target, draft, prompt, maxNewTokens: 32, k: 4, rng: mulberry32(1) });
 *   r.newIds, r.rounds[0].verify.fates   // ['accepted', 'accepted', 'rejected']
 */

import { distribution, type SamplerOptions, type UniformSource } from '@/lib/sample/sampler';
import { drawCategorical } from '@/lib/sample/sampler';
import { verifyDraft, type VerifyResult } from './rule';

export interface SpecLM {
  /** Logits [V] of each of the last n positions of ids (n ≥ 1, n ≤ ids.length). */
  rows(ids: readonly number[], n: number): Promise<Float32Array[]>;
}

export interface Round {
  /** The k draft proposals. */
  draft: number[];
  verify: VerifyResult;
  /** Milliseconds of the draft steps and of the target's verify call. */
  draftMs: number;
  verifyMs: number;
}

export interface SpecOptions {
  target: SpecLM;
  draft: SpecLM;
  prompt: readonly number[];
  maxNewTokens: number;
  /** Draft tokens per round, ≥ 1. */
  k: number;
  /** Applied to both models' logits (temperature 0 = greedy). Default temperature 1. */
  sampler?: SamplerOptions;
  rng: UniformSource;
  /** No round goes past this many ids (k shrinks near the end). */
  contextLength?: number;
  signal?: AbortSignal;
  onRound?: (r: Round, newIds: readonly number[]) => void;
}

export interface SpecResult {
  newIds: number[];
  rounds: Round[];
  /** Calls of each model: the target once per round, the draft k times per round. */
  targetCalls: number;
  draftCalls: number;
  stopReason: 'max-tokens' | 'context' | 'aborted';
}

export interface SpecStats {
  drafted: number;
  accepted: number;
  /** accepted ÷ drafted (drafts after a rejection count as not accepted). */
  acceptance: number;
  /** Draft positions the rule looked at: accepted ones + one per round with a rejection. */
  checked: number;
  /** accepted ÷ checked: the estimate of α, the per-position acceptance probability. */
  alpha: number;
  /** emitted tokens ÷ target calls. */
  tokensPerCall: number;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Acceptance and tokens per target call over rounds. */
export function specStats(rounds: readonly Round[]): SpecStats {
  let drafted = 0;
  let accepted = 0;
  let emitted = 0;
  let checked = 0;
  for (const r of rounds) {
    drafted += r.draft.length;
    accepted += r.verify.accepted;
    checked += r.verify.fates.length;
    emitted += r.verify.emitted.length;
  }
  return {
    drafted, accepted, checked,
    acceptance: drafted ? accepted / drafted : 0,
    alpha: checked ? accepted / checked : 0,
    tokensPerCall: rounds.length ? emitted / rounds.length : 0,
  };
}

export async function speculativeGenerate(o: SpecOptions): Promise<SpecResult> {
  if (!Number.isInteger(o.k) || o.k < 1) throw new Error(`speculativeGenerate: k must be an integer ≥ 1 (got ${o.k})`);
  if (o.prompt.length === 0) throw new Error('speculativeGenerate needs a non-empty prompt');
  const sampler = o.sampler ?? { temperature: 1 };
  const ids = [...o.prompt];
  const newIds: number[] = [];
  const rounds: Round[] = [];
  let targetCalls = 0;
  let draftCalls = 0;
  const done = (stopReason: SpecResult['stopReason']): SpecResult => ({ newIds, rounds, targetCalls, draftCalls, stopReason });
  while (newIds.length < o.maxNewTokens) {
    if (o.signal?.aborted) return done('aborted');
    const room = (o.contextLength ?? Infinity) - ids.length; // positions left, incl. the final token
    if (room < 1) return done('context');
    const k = Math.min(o.k, room - 1, o.maxNewTokens - newIds.length - 1);
    const t0 = now();
    const draft: number[] = [];
    const q: Float64Array[] = [];
    const ctx = [...ids];
    for (let i = 0; i < k; i++) {
      const [logits] = await o.draft.rows(ctx, 1);
      draftCalls++;
      const qi = distribution(logits, sampler, ctx); // [V]
      const x = drawCategorical(qi, o.rng);
      q.push(qi);
      draft.push(x);
      ctx.push(x);
    }
    if (o.signal?.aborted) return done('aborted');
    const t1 = now();
    const rows = await o.target.rows(ctx, k + 1); // p_1..p_{k+1}: [k + 1][V]
    targetCalls++;
    const p = rows.map((l, i) => distribution(l, sampler, ctx.slice(0, ids.length + i)));
    const verify = verifyDraft(p, q, draft, o.rng);
    const round: Round = { draft, verify, draftMs: t1 - t0, verifyMs: now() - t1 };
    rounds.push(round);
    for (const id of verify.emitted) {
      if (newIds.length >= o.maxNewTokens) break;
      ids.push(id);
      newIds.push(id);
    }
    o.onRound?.(round, newIds);
  }
  return done('max-tokens');
}

/** Plain decoding through the same SpecLM: one target call per token (the baseline to time against). */
export async function plainGenerate(o: Omit<SpecOptions, 'draft' | 'k' | 'onRound'> & { onToken?: (id: number) => void }): Promise<{ newIds: number[]; targetCalls: number; stopReason: SpecResult['stopReason'] }> {
  const sampler = o.sampler ?? { temperature: 1 };
  const ids = [...o.prompt];
  const newIds: number[] = [];
  while (newIds.length < o.maxNewTokens) {
    if (o.signal?.aborted) return { newIds, targetCalls: newIds.length, stopReason: 'aborted' };
    if (ids.length >= (o.contextLength ?? Infinity)) return { newIds, targetCalls: newIds.length, stopReason: 'context' };
    const [logits] = await o.target.rows(ids, 1);
    const id = drawCategorical(distribution(logits, sampler, ids), o.rng);
    ids.push(id);
    newIds.push(id);
    o.onToken?.(id);
  }
  return { newIds, targetCalls: newIds.length, stopReason: 'max-tokens' };
}

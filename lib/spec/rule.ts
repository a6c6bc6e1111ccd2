/**
 * Speculative sampling, the verification rule (Leviathan, Kalman & Matias 2023, "Fast Inference
 * from Transformers via Speculative Decoding", ICML; Chen et al. 2023,
 * "Accelerating Large Language Model Decoding with Speculative Sampling").
 *
 * A cheap draft model q proposed k tokens x_1..x_k (x_i ~ q_i, each q_i conditioned on the
 * tokens before it). The target model p scored all of them in one pass, giving p_1..p_{k+1}
 * (p_{k+1} is the distribution after x_k). Walk i = 1..k:
 *   accept x_i with probability min(1, p_i(x_i) / q_i(x_i));
 *   on the first rejection draw the replacement from norm(max(0, p_i − q_i)) and stop;
 *   if all k are accepted, draw one bonus token from p_{k+1}.
 * Every emitted token is then distributed exactly as p (Leviathan et al., Appendix A.1), and
 * each round emits between 1 and k + 1 tokens for one target call.
 *
 * Greedy (temperature 0) is the special case p_i, q_i one-hot: x_i is accepted iff it is the
 * target's argmax, and the residual max(0, p − q) is the one-hot of the target's argmax — the
 * output is the target's own greedy sequence, token for token.
 *
 * Shapes: V vocabulary; p rows [k + 1][V], q rows [k][V], probabilities (need not sum to 1
 * exactly; zero entries are never drawn).
 *
 * Example: p = [0.5, 0.5], q = [0.9, 0.1], x_1 = 0 → accept with prob 0.5/0.9 ≈ 0.56; if
 * rejected, the residual max(0, p − q) = [0, 0.4] → token 1.
 */

import type { UniformSource } from '@/lib/sample/sampler';
import { drawCategorical } from '@/lib/sample/sampler';

/** What happened to one position of a round. */
export type TokenFate = 'accepted' | 'rejected';

export interface VerifyResult {
  /** How many draft tokens were accepted (0..k). */
  accepted: number;
  /** accepted[0..accepted) of the draft, then the final token: what the round appends. */
  emitted: number[];
  /** The token after the accepted run: a draw from the residual, or the bonus from p_{k+1}. */
  final: { id: number; kind: 'resampled' | 'bonus' };
  /** Per draft position: its fate ('rejected' for the first rejected one; later ones are never looked at). */
  fates: TokenFate[];
  /** min(1, p_i(x_i) / q_i(x_i)) of each position looked at. */
  acceptProb: number[];
}

/** α_i = Σ_x min(p(x), q(x)): the chance that a draw from q is accepted (Leviathan et al. 2023). */
export function acceptanceRate(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new Error(`acceptanceRate: p has ${p.length} entries, q ${q.length}`);
  let a = 0;
  for (let i = 0; i < p.length; i++) a += Math.min(p[i], q[i]);
  return a;
}

/** E[tokens per target call] = (1 − α^{k+1}) / (1 − α) when each position is accepted with prob α (Leviathan et al. 2023). */
export function expectedTokensPerCall(alpha: number, k: number): number {
  if (!(alpha >= 0 && alpha <= 1)) throw new Error(`expectedTokensPerCall: α must be in [0, 1] (got ${alpha})`);
  if (alpha === 1) return k + 1;
  return (1 - alpha ** (k + 1)) / (1 - alpha);
}

/**
 * Expected walltime speed-up (1 − α^{k+1}) / ((1 − α)(k·c + 1)) with c = cost of a draft step ÷
 * cost of a target call (Leviathan et al. 2023): k draft steps and one target call per
 * round, against one target call per token. Assumes the verify call costs what one decode step does.
 */
export function expectedSpeedup(alpha: number, k: number, c: number): number {
  return expectedTokensPerCall(alpha, k) / (k * c + 1);
}

/** norm(max(0, p − q)); if p ≤ q everywhere (p = q) the rejection cannot happen, and p itself is returned. */
export function residual(p: ArrayLike<number>, q: ArrayLike<number>): Float64Array {
  const r = new Float64Array(p.length); // [V]
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    r[i] = Math.max(0, p[i] - q[i]);
    sum += r[i];
  }
  if (!(sum > 0)) return Float64Array.from(p);
  for (let i = 0; i < r.length; i++) r[i] /= sum;
  return r;
}

/**
 * One verification round. rng supplies one uniform per looked-at position, then one for the final draw.
 * Accept test: u < p(x)/q(x) with u uniform in [0, 1), written u·q(x) < p(x) (no division by 0).
 */
export function verifyDraft(p: readonly ArrayLike<number>[], q: readonly ArrayLike<number>[], draft: readonly number[], rng: UniformSource): VerifyResult {
  const k = draft.length;
  if (q.length !== k || p.length !== k + 1) throw new Error(`verifyDraft: need k = ${k} draft rows and k + 1 target rows (got q ${q.length}, p ${p.length})`);
  const fates: TokenFate[] = [];
  const acceptProb: number[] = [];
  for (let i = 0; i < k; i++) {
    const x = draft[i];
    const px = p[i][x];
    const qx = q[i][x];
    acceptProb.push(qx > 0 ? Math.min(1, px / qx) : 1);
    if (rng.uniform() * qx < px) {
      fates.push('accepted');
      continue;
    }
    fates.push('rejected');
    const id = drawCategorical(residual(p[i], q[i]), rng);
    return { accepted: i, emitted: [...draft.slice(0, i), id], final: { id, kind: 'resampled' }, fates, acceptProb };
  }
  const id = drawCategorical(p[k], rng);
  return { accepted: k, emitted: [...draft, id], final: { id, kind: 'bonus' }, fates, acceptProb };
}

/**
 * One DPO update (Rafailov et al. 2023, eq. 7) of LoRA adapters on a mini-batch of preference
 * pairs, on one training tape:
 *
 *   for each pair (x, y_c, y_r):  lc = log π(y_c|x), lr = log π(y_r|x)     (sequence.ts, scalars)
 *     z = β·(lc − lr) − β·(ref_c − ref_r)       ref_* = log π_ref(·|x), frozen numbers
 *     ℓ = softplus(−z) = −log σ(z)
 *   L = mean ℓ over the batch → backward → clip → optimiser step on the trainable weights
 *
 * π is the base model with the adapters (LoraOps); π_ref is the base model alone, whose log-probs
 * are computed once before training (refLogProbs). With B = 0 at LoRA's start, π = π_ref, so the
 * first loss is exactly log 2 for every pair.
 */
import type { TransformerConfig } from '@/lib/model/config';
import type { WeightMap } from '@/lib/model/eager';
import type { Ops } from '@/lib/model/ops';
import { clipGradNorm, GradOps, type Optimizer, type Var, type Weights } from '@/lib/train';
import { logProb, logProbVar } from './sequence';

/** A preference pair as token ids: prompt x, chosen answer y_c, rejected answer y_r. */
export interface PairIds {
  prompt: number[];
  chosen: number[];
  rejected: number[];
}

/** log π_ref of both answers of every pair (eager, base weights, no adapters). */
export function refLogProbs(cfg: TransformerConfig, base: WeightMap, pairs: readonly PairIds[]): { chosen: number; rejected: number }[] {
  return pairs.map((p) => ({ chosen: logProb(cfg, base, p.prompt, p.chosen), rejected: logProb(cfg, base, p.prompt, p.rejected) }));
}

export interface AlignStepOptions {
  lr: number;
  clip?: number;
  trainable: (name: string) => boolean;
  /** Wraps the tape's Ops (LoRA, a reward head). */
  wrap: (ops: Ops<Var>) => Ops<Var>;
}

export interface AlignStepResult {
  /** Mean loss over the batch, before the update. */
  loss: number;
  gradNorm: number;
}

/** Mean DPO loss of `batch` as a scalar Var on g's tape. */
export function dpoLossVar(g: GradOps, ops: Ops<Var>, cfg: TransformerConfig, batch: readonly PairIds[], refs: readonly { chosen: number; rejected: number }[], beta: number): Var {
  let total: Var | null = null;
  batch.forEach((p, i) => {
    const lc = logProbVar(g, ops, cfg, p.prompt, p.chosen); // []
    const lr = logProbVar(g, ops, cfg, p.prompt, p.rejected); // []
    const ref = g.constant({ data: Float32Array.of(-beta * (refs[i].chosen - refs[i].rejected)), shape: [] });
    const z = g.add(g.scale(g.sub(lc, lr), beta), ref); // []
    const l = g.softplus(g.scale(z, -1)); // []  −log σ(z)
    total = total ? g.add(total, l) : l;
  });
  if (!total) throw new Error('dpoLossVar needs at least one pair');
  return g.scale(total, 1 / batch.length);
}

/** One optimiser step of DPO on `batch` (refs: reference log-probs of the same pairs, in order). */
export function dpoStep(w: Weights, cfg: TransformerConfig, batch: readonly PairIds[], refs: readonly { chosen: number; rejected: number }[], beta: number, opt: Optimizer, o: AlignStepOptions): AlignStepResult {
  const g = new GradOps(w, { trainable: o.trainable });
  const loss = dpoLossVar(g, o.wrap(g), cfg, batch, refs, beta);
  g.backward(loss);
  const grads = g.grads();
  const gradNorm = clipGradNorm(grads, o.clip ?? Infinity);
  opt.step(w, grads, o.lr);
  return { loss: (loss.value.data as Float32Array)[0], gradNorm };
}

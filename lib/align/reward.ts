/**
 * A reward model made from lm, the way Ouyang et al. (2022, §3.5) make theirs from the SFT model:
 * the final unembedding layer is removed and a scalar comes out instead. Here the language-model
 * head (tok_emb.weight used as [V, C] → logits) is swapped for a head `reward.weight` [1, C], and
 * the reward of (x, y) is its output at the last token of x ++ y:
 *
 *   h = transformer body(x ++ y)              [1, T, C]   (with LoRA adapters, trained)
 *   r(x, y) = h[T−1] · w_rᵀ                   scalar      (w_r trained, starts at 0)
 *
 * trained with the Bradley–Terry loss −log σ(r(x, y_c) − r(x, y_r)) (preference.ts). w_r starts
 * at zero, so every reward is 0 and the first loss is exactly log 2.
 */
import { ids as idsTensor, zeros, type Tensor } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import { EagerOps, type WeightMap } from '@/lib/model/eager';
import { transformer } from '@/lib/model/transformer';
import { isLoraName, LoraOps, type LoraConfig } from '@/lib/peft';
import { clipGradNorm, GradOps, type Optimizer, type Var, type Weights } from '@/lib/train';
import type { AlignStepOptions, AlignStepResult, PairIds } from './dpo';

export const REWARD_HEAD = 'reward.weight';

/** The reward head's initial weights: zeros [1, C]. */
export function initRewardHead(cfg: TransformerConfig): Tensor {
  return zeros([1, cfg.dModel]);
}

/** Trainable in the reward model: the LoRA adapters and the reward head. */
export const isRewardTrainable = (name: string): boolean => isLoraName(name) || name === REWARD_HEAD;

/** LoraOps whose language-model head is replaced by the reward head ([.., C] → [.., 1]). */
export class RewardOps<V> extends LoraOps<V> {
  private head: V | null = null;
  constructor(private readonly base: import('@/lib/model/ops').Ops<V>, private readonly cfg: TransformerConfig, lora: LoraConfig) {
    super(base, cfg, lora);
  }
  param(name: string): V {
    const v = super.param(name);
    if (name === (this.cfg.tiedEmbeddings ? 'tok_emb.weight' : 'lm_head.weight')) this.head = v;
    return v;
  }
  linear(x: V, w: V, b?: V): V {
    if (w === this.head) return super.linear(x, this.base.param(REWARD_HEAD)); // [1, T, 1]
    return super.linear(x, w, b);
  }
}

/** r(x, y) on any Ops (already wrapped in RewardOps): the output at the last position. */
function rewardOf<V>(ops: RewardOps<V>, cfg: TransformerConfig, idsV: V, T: number): V {
  const out = transformer(ops, cfg, idsV).logits; // [1, T, 1]
  return ops.slice(out, 1, T - 1, T); // [1, 1, 1]
}

/** Mean Bradley–Terry loss of the batch as a scalar Var on g's tape. */
export function rewardLossVar(g: GradOps, cfg: TransformerConfig, lora: LoraConfig, batch: readonly PairIds[]): Var {
  const ops = new RewardOps(g, cfg, lora);
  let total: Var | null = null;
  for (const p of batch) {
    const c = [...p.prompt, ...p.chosen];
    const r = [...p.prompt, ...p.rejected];
    const rc = rewardOf(ops, cfg, g.ids(idsTensor(c)), c.length);
    const rr = rewardOf(ops, cfg, g.ids(idsTensor(r)), r.length);
    const l = g.softplus(g.sub(rr, rc)); // [1, 1, 1]  −log σ(rc − rr)
    total = total ? g.add(total, l) : l;
  }
  if (!total) throw new Error('rewardLossVar needs at least one pair');
  return g.scale(total, 1 / batch.length);
}

export function rewardStep(w: Weights, cfg: TransformerConfig, lora: LoraConfig, batch: readonly PairIds[], opt: Optimizer, o: Omit<AlignStepOptions, 'wrap' | 'trainable'>): AlignStepResult {
  const g = new GradOps(w, { trainable: isRewardTrainable });
  const loss = rewardLossVar(g, cfg, lora, batch);
  g.backward(loss);
  const grads = g.grads();
  const gradNorm = clipGradNorm(grads, o.clip ?? Infinity);
  opt.step(w, grads, o.lr);
  return { loss: (loss.value.data as Float32Array)[0], gradNorm };
}

/** r(x, y) eagerly, with the adapters and head in `w`. */
export function reward(cfg: TransformerConfig, w: WeightMap, lora: LoraConfig, x: readonly number[], y: readonly number[]): number {
  const t = [...x, ...y];
  const ops = new RewardOps(new EagerOps(w), cfg, lora);
  return (rewardOf(ops, cfg, idsTensor(t), t.length) as Tensor).data[0];
}

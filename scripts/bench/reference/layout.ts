/**
 * Our weights and config → the layout of the TF.js reference train step (tfjs-train.ts), and
 * back. Pure: no TF.js import, so a unit test can check it without the bench-only install.
 *
 *   Linear W [out, in] (PyTorch layout, ours)   → kernel K [in, out] (Keras Dense: y = x·K + b)
 *   LoRA   A [r, n], B [m, r] (Linears too)      → [n, r], [r, m]
 *   tok_emb / pos_emb, norm weights, biases      → unchanged (tied head: logits = h · tok_embᵀ)
 *
 * and the constants the reference builds its graph from, computed as lib/model computes them:
 *   cos, sin [T, hs/2]   RoPE at positions 0..T-1 (lib/model/rope.ts frequencies; the angle
 *                        p·θ_j rounded to float32 first, as EagerOps' mul does)
 *   mask [T, T]          0 where key j ≤ query i, −1e9 after (softmax gives those exactly 0,
 *                        as our −∞ does)
 *   rowWeight [B·T]      the loss weight of each row: 1 / (counted rows of its example · B), 0
 *                        for uncounted targets (−1), so Σ rowWeight · (−log p) is our batchStep's
 *                        loss, the mean over examples of each example's mean
 *
 * Supported: the dense pre-norm Transformer of lib/model/transformer.ts with RoPE, learned or no
 * positions, RMSNorm or LayerNorm, SwiGLU or GELU, biases, tied or untied head, MHA/GQA/MQA, causal
 * mask. Not: MoE, SSM, ALiBi, sinusoidal, other masks (refSupport says which).
 */
import { transpose, type Tensor } from '../../../lib/tensor';
import { headSize, type TransformerConfig } from '../../../lib/model/config';
import { ropeFrequencies } from '../../../lib/model/rope';

export interface RefParam {
  /** Our weight name. */
  name: string;
  /** Shape in the reference layout. */
  shape: number[];
  data: Float32Array;
  trainable: boolean;
}

/** Weights stored as [out, in] Linears in our layout (transposed for the reference). */
export const isLinearWeight = (name: string): boolean => /(\.(wq|wk|wv|wo|w1|w2|w3)\.weight|^lm_head\.weight|\.lora_[AB])$/.test(name);

/** Why the reference cannot run this config, or null when it can. */
export function refSupport(cfg: TransformerConfig): string | null {
  if (cfg.moe) return 'MoE';
  if (cfg.ssm) return 'state-space mixer';
  if (!['rope', 'learned', 'none'].includes(cfg.position)) return `position "${cfg.position}"`;
  if (cfg.attnMask && cfg.attnMask.kind !== 'causal') return `attention mask "${cfg.attnMask.kind}"`;
  return null;
}

/** Every weight in the reference layout, in our map's order. */
export function toReference(weights: ReadonlyMap<string, Tensor>, trainable: (name: string) => boolean = () => true): RefParam[] {
  return [...weights].map(([name, t]) => {
    const r = isLinearWeight(name) ? transpose(t, [1, 0]) : t;
    return { name, shape: [...r.shape], data: Float32Array.from(r.data), trainable: trainable(name) };
  });
}

/** A tensor (weight or gradient) of `name` in the reference layout → ours. */
export function fromReference(name: string, shape: readonly number[], data: Float32Array): Tensor {
  const t = { data, shape: [...shape] };
  return isLinearWeight(name) ? transpose(t, [1, 0]) : { data: Float32Array.from(data), shape: t.shape };
}

export interface RefTables {
  /** [T, hs/2], or null without RoPE. */
  cos: Float32Array | null;
  sin: Float32Array | null;
  /** [T, T] */
  mask: Float32Array;
}

export function refTables(cfg: TransformerConfig, T: number): RefTables {
  const mask = new Float32Array(T * T);
  for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) mask[i * T + j] = -1e9;
  if (cfg.position !== 'rope' || !cfg.rope) return { cos: null, sin: null, mask };
  const { invFreq, attentionScale } = ropeFrequencies(headSize(cfg), cfg.rope);
  const h = invFreq.length;
  const cos = new Float32Array(T * h);
  const sin = new Float32Array(T * h);
  for (let p = 0; p < T; p++) {
    for (let j = 0; j < h; j++) {
      const a = Math.fround(p * invFreq[j]);
      cos[p * h + j] = attentionScale === 1 ? Math.cos(a) : Math.fround(Math.cos(a)) * attentionScale;
      sin[p * h + j] = attentionScale === 1 ? Math.sin(a) : Math.fround(Math.sin(a)) * attentionScale;
    }
  }
  return { cos, sin, mask };
}

export interface RefBatch {
  /** [B, T] input ids. */
  ids: Int32Array;
  /** [B·T] target ids (0 where not counted; rowWeight is 0 there). */
  targets: Int32Array;
  /** [B·T] see the header. */
  rowWeight: Float32Array;
  B: number;
  T: number;
}

/** Examples of T + 1 tokens (optional targets, −1 = not counted) → the reference's batch arrays. */
export function refBatch(examples: readonly { tokens: readonly number[]; targets?: readonly number[] }[]): RefBatch {
  const B = examples.length;
  const T = examples[0].tokens.length - 1;
  const ids = new Int32Array(B * T);
  const targets = new Int32Array(B * T);
  const rowWeight = new Float32Array(B * T);
  examples.forEach((ex, b) => {
    if (ex.tokens.length - 1 !== T) throw new Error(`refBatch: example ${b} has ${ex.tokens.length - 1} inputs, the first ${T}`);
    const tg = ex.targets ?? ex.tokens.slice(1);
    const count = tg.filter((t) => t !== -1).length;
    for (let t = 0; t < T; t++) {
      ids[b * T + t] = ex.tokens[t];
      const counted = tg[t] !== -1;
      targets[b * T + t] = counted ? tg[t] : 0;
      rowWeight[b * T + t] = counted ? 1 / (count * B) : 0;
    }
  });
  return { ids, targets, rowWeight, B, T };
}

/**
 * LoRA: low-rank adaptation (Hu et al. 2021, "LoRA: Low-Rank Adaptation of Large Language
 * Models", arXiv:2106.09685). A frozen weight W₀ [m, n] (PyTorch layout [out, in]) gets a trainable
 * update ΔW = (α/r)·B·A with A [r, n], B [m, r], r ≪ min(m, n) (§4.1, eq. 3):
 *
 *   h = W₀x + (α/r)·B·A·x
 *
 *   init     B = 0, so ΔW = 0 and the adapted model starts exactly as the base (§4.1). A: the
 *            paper says "random Gaussian"; its reference code (microsoft/LoRA loralib) and
 *            Hugging Face PEFT use kaiming_uniform(a = √5), i.e. U(−1/√n, 1/√n) ('kaiming-uniform',
 *            the default here); 'gaussian' is PEFT's N(0, 1/r²).
 *   scale    α/r (§4.1: "we scale ΔWx by α/r … we simply set α to the first r we try").
 *   where    the paper adapts W_q and W_v (§7.1); any Linear of a block may be chosen here:
 *            attn wq/wk/wv/wo, mlp w1/w2/w3 (names as in lib/model/config.ts).
 *   merge    W = W₀ + (α/r)·B·A: one plain Linear again, no extra inference latency (§4.1);
 *            unmerge subtracts the same product.
 *   params   r·(m + n) per adapted matrix instead of m·n (e.g. 128×128 at r = 8: 2 048 vs 16 384).
 *
 * Adapter tensors are named after the weight they adapt: blocks.{i}.attn.wq.lora_A [r, n] and
 * blocks.{i}.attn.wq.lora_B [m, r]. LoraOps wraps any Ops (EagerOps, GradOps, GraphOps) so the
 * unchanged transformer.ts runs with adapters: in the eager path, in training, or as ONNX.
 */
import { matmul, mulberry32, type Tensor } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import { weightShapes } from '@/lib/model/init';

export type LoraTarget = 'wq' | 'wk' | 'wv' | 'wo' | 'w1' | 'w2' | 'w3';

export interface LoraConfig {
  /** r: rank of the update. */
  r: number;
  /** α: the update is scaled by α/r. */
  alpha: number;
  /** Which Linear of each block gets an adapter (Hu et al. §7.1 use wq and wv). */
  targets: readonly LoraTarget[];
  init?: 'kaiming-uniform' | 'gaussian';
}

export const loraA = (weight: string): string => weight.replace(/\.weight$/, '.lora_A');
export const loraB = (weight: string): string => weight.replace(/\.weight$/, '.lora_B');
export const isLoraName = (name: string): boolean => /\.lora_[AB]$/.test(name);
export const loraScale = (c: LoraConfig): number => c.alpha / c.r;

export interface AdaptedWeight {
  /** The base weight's name, e.g. blocks.0.attn.wq.weight. */
  name: string;
  /** m: output features (rows of W). */
  out: number;
  /** n: input features (columns of W). */
  in: number;
}

/** The base weights that get adapters, with their [out, in] shapes, in model order. */
export function adaptedWeights(cfg: TransformerConfig, lora: LoraConfig): AdaptedWeight[] {
  if (!Number.isInteger(lora.r) || lora.r < 1) throw new Error(`LoRA rank must be a positive integer (got ${lora.r})`);
  const re = new RegExp(`^blocks\\.\\d+\\.(attn|mlp)\\.(${lora.targets.join('|')})\\.weight$`);
  return weightShapes(cfg)
    .filter(([name]) => lora.targets.length > 0 && re.test(name))
    .map(([name, [out, inF]]) => ({ name, out, in: inF }));
}

export interface ParamCounts {
  /** Σ r(m + n): trainable adapter parameters. */
  lora: number;
  /** Σ m·n: parameters of the adapted matrices themselves (what full fine-tuning of them trains). */
  full: number;
}

export function loraParamCounts(cfg: TransformerConfig, lora: LoraConfig): ParamCounts {
  let l = 0;
  let f = 0;
  for (const w of adaptedWeights(cfg, lora)) {
    l += lora.r * (w.out + w.in);
    f += w.out * w.in;
  }
  return { lora: l, full: f };
}

/** Fresh adapters: A as `lora.init` says (seeded), B = 0. */
export function initLora(cfg: TransformerConfig, lora: LoraConfig, seed: number): Map<string, Tensor> {
  const rng = mulberry32(seed);
  const out = new Map<string, Tensor>();
  for (const w of adaptedWeights(cfg, lora)) {
    const a = new Float32Array(lora.r * w.in);
    if ((lora.init ?? 'kaiming-uniform') === 'gaussian') for (let i = 0; i < a.length; i++) a[i] = rng.normal() / lora.r;
    else {
      const bound = 1 / Math.sqrt(w.in);
      for (let i = 0; i < a.length; i++) a[i] = (2 * rng.uniform() - 1) * bound;
    }
    out.set(loraA(w.name), { data: a, shape: [lora.r, w.in] });
    out.set(loraB(w.name), { data: new Float32Array(w.out * lora.r), shape: [w.out, lora.r] });
  }
  return out;
}

/** (α/r)·B·A for one adapted weight: [m, n]. */
export function loraDelta(adapters: ReadonlyMap<string, Tensor>, weight: string, lora: LoraConfig): Tensor {
  const A = adapters.get(loraA(weight));
  const B = adapters.get(loraB(weight));
  if (!A || !B) throw new Error(`no LoRA adapter for "${weight}"`);
  const d = matmul(B, A); // [m, n]
  const s = loraScale(lora);
  for (let i = 0; i < d.data.length; i++) d.data[i] *= s;
  return d;
}

function applyDelta(base: ReadonlyMap<string, Tensor>, adapters: ReadonlyMap<string, Tensor>, cfg: TransformerConfig, lora: LoraConfig, sign: 1 | -1): Map<string, Tensor> {
  const out = new Map(base);
  for (const w of adaptedWeights(cfg, lora)) {
    const W = base.get(w.name);
    if (!W) throw new Error(`missing base weight "${w.name}"`);
    const d = loraDelta(adapters, w.name, lora).data;
    out.set(w.name, { data: W.data.map((v, i) => v + sign * d[i]), shape: [...W.shape] });
  }
  return out;
}

/** Base weights with every adapter folded in: W = W₀ + (α/r)·B·A (new tensors; base untouched). */
export function mergeLora(base: ReadonlyMap<string, Tensor>, adapters: ReadonlyMap<string, Tensor>, cfg: TransformerConfig, lora: LoraConfig): Map<string, Tensor> {
  return applyDelta(base, adapters, cfg, lora, 1);
}

/** The inverse of mergeLora: W₀ = W − (α/r)·B·A (equal up to float32 rounding). */
export function unmergeLora(merged: ReadonlyMap<string, Tensor>, adapters: ReadonlyMap<string, Tensor>, cfg: TransformerConfig, lora: LoraConfig): Map<string, Tensor> {
  return applyDelta(merged, adapters, cfg, lora, -1);
}

/** One weight map holding the base and the adapters (tensors shared, not copied). */
export function withAdapters(base: ReadonlyMap<string, Tensor>, adapters: ReadonlyMap<string, Tensor>): Map<string, Tensor> {
  return new Map([...base, ...adapters]);
}

/**
 * Training memory on one device, before any parallelism: model states (weights, gradients,
 * optimizer states) and activations. Bytes throughout; GB = 10⁹ bytes, as in the ZeRO paper.
 *
 * Model states (Rajbhandari et al. 2020, "ZeRO", §3.1): mixed-precision Adam keeps fp16/bf16
 * weights (2Ψ) and gradients (2Ψ), plus an fp32 master copy, momentum and variance (KΨ, K = 12):
 * 16Ψ bytes in all. Ψ = 1.5B → 24 GB; Ψ = 7.5B → 120 GB.
 *
 *   precision   weights  grads  optimizer (Adam)            (SGD + momentum)
 *   fp32          4        4     m, v: 8                      momentum: 4
 *   mixed         2        2     master 4 + m, v 8 = 12       master 4 + momentum 4 = 8
 *   adam8bit: m and v stored in 8 bits with one fp32 scale per block of 2048 values (Dettmers et
 *   al. 2022, "8-bit Optimizers via Block-wise Quantization"): 2 + 2·4/2048 bytes instead of 8;
 *   with mixed precision the fp32 master copy stays (4).
 *
 * Activations (Korthikanti et al. 2023, "Reducing Activation Recomputation in Large Transformer
 * Models", §4 and Table 2), per Transformer layer, 16-bit activations and 1-byte dropout masks,
 * s sequence length, b micro-batch, h hidden size, a heads, t tensor-parallel size with sequence
 * parallelism:
 *   none        sbh · (34 + 5as/h) / t
 *   selective   34 · sbh / t            (the attention-score part, 5as²b, is recomputed)
 *   full        2 · sbh                 (only each layer's input is kept)
 * Of the 34 sbh, 2 sbh are dropout masks (1 byte per value) and 32 sbh are 16-bit tensors; of the
 * 5as²b, as²b is a mask and 4as²b are 16-bit. For fp32 training we double the 16-bit parts (our
 * derivation from that breakdown, not a figure of the paper): 66 + 9as/h, 66, and 4.
 *
 * Worked example: s = 1024, b = 1, h = 768, a = 12 (GPT-2 small), 16-bit, no recomputation:
 * sbh = 786,432; 5as/h = 5·12·1024/768 = 80 → 786,432 · 114 = 89,653,248 bytes per layer.
 */

export type Precision = 'fp32' | 'mixed';
export type Optimizer = 'adam' | 'adam8bit' | 'sgd';
export type Recompute = 'none' | 'selective' | 'full';

export const OPTIMIZERS: readonly Optimizer[] = ['adam', 'adam8bit', 'sgd'];
export const PRECISIONS: readonly Precision[] = ['fp32', 'mixed'];
export const RECOMPUTES: readonly Recompute[] = ['none', 'selective', 'full'];

/** Block size of the 8-bit optimizer's quantization (Dettmers et al. 2022). */
export const BLOCK_8BIT = 2048;

export interface StateBytes {
  /** Bytes per parameter for the weights the forward pass reads. */
  weights: number;
  grads: number;
  /** K: optimizer bytes per parameter (incl. an fp32 master copy under mixed precision). */
  optimizer: number;
}

export function bytesPerParam(precision: Precision, optimizer: Optimizer): StateBytes {
  const w = precision === 'fp32' ? 4 : 2;
  const master = precision === 'mixed' ? 4 : 0;
  const moments = optimizer === 'adam' ? 8 : optimizer === 'sgd' ? 4 : 2 + (2 * 4) / BLOCK_8BIT;
  return { weights: w, grads: w, optimizer: master + moments };
}

export interface ModelStates {
  weights: number;
  grads: number;
  optimizer: number;
  total: number;
}

export function modelStateBytes(params: number, precision: Precision, optimizer: Optimizer): ModelStates {
  const b = bytesPerParam(precision, optimizer);
  const weights = params * b.weights;
  const grads = params * b.grads;
  const opt = params * b.optimizer;
  return { weights, grads, optimizer: opt, total: weights + grads + opt };
}

export interface ActivationShape {
  /** s: tokens per sequence. */
  seq: number;
  /** b: sequences per micro-batch. */
  microBatch: number;
  /** h: hidden size (d_model). */
  hidden: number;
  /** a: attention heads. */
  heads: number;
}

/** Bytes of activations one layer keeps for the backward pass (Korthikanti et al. 2023, Table 2). */
export function activationBytesPerLayer(x: ActivationShape, o: { recompute: Recompute; tensorParallel?: number; precision?: Precision }): number {
  const { seq: s, microBatch: b, hidden: h, heads: a } = x;
  const t = Math.max(1, o.tensorParallel ?? 1);
  const fp32 = o.precision === 'fp32';
  const sbh = s * b * h;
  if (o.recompute === 'full') return (fp32 ? 4 : 2) * sbh;
  const linear = fp32 ? 66 : 34;
  if (o.recompute === 'selective') return (linear * sbh) / t;
  const quad = ((fp32 ? 9 : 5) * a * s) / h;
  return (sbh * (linear + quad)) / t;
}

export interface TrainingMemory extends ModelStates {
  activations: number;
  /** Model states + activations. */
  all: number;
}

/** One device holding everything: model states + activations of nLayer layers for one micro-batch. */
export function trainingMemory(params: number, nLayer: number, x: ActivationShape, o: { precision: Precision; optimizer: Optimizer; recompute: Recompute }): TrainingMemory {
  const states = modelStateBytes(params, o.precision, o.optimizer);
  const activations = nLayer * activationBytesPerLayer(x, { recompute: o.recompute, precision: o.precision });
  return { ...states, activations, all: states.total + activations };
}

/**
 * v in the largest of `units` (steps of 1000) that keeps it ≥ 1, at 3 significant digits; a value
 * that rounds up to 1000 moves to the next unit (999,999,999.9 → "1B", not "1000M").
 */
function si(v: number, units: readonly string[], sep: string): string {
  let i = 0;
  let x = v;
  while (Math.abs(x) >= 1000 && i < units.length - 1) {
    x /= 1000;
    i++;
  }
  let r = i === 0 ? Math.round(x) : Number(x.toPrecision(3));
  if (Math.abs(r) >= 1000 && i < units.length - 1) {
    i++;
    r = Number((x / 1000).toPrecision(3));
  }
  return `${r}${sep}${units[i]}`;
}

/** "120 GB", "31.4 GB", "4.2 MB": decimal units, 3 significant digits. */
export function formatBytes(bytes: number): string {
  return si(bytes, ['B', 'KB', 'MB', 'GB', 'TB', 'PB'], ' ');
}

/** "124M", "6.74B", "2.1M": parameters with 3 significant digits (trailing zeros dropped). */
export function formatCount(n: number): string {
  return si(n, ['', 'K', 'M', 'B', 'T'], '');
}

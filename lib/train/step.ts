/**
 * One training step of the Transformer on a token sequence: forward through GradOps (the same
 * lib/model/transformer.ts the site runs), next-token cross-entropy, backward, optional clipping
 * by global norm, one optimiser update of the trainable weights in place.
 *
 *   const opt = new AdamW({ weightDecay: 0.1 });
 *   for (let s = 0; s < 100; s++) trainStep(weights, cfg, tokens, opt, { lr: warmupCosine(sched, s), clip: 1 });
 *
 * `tokens` of length T + 1: inputs tokens[0..T-1], targets tokens[1..T] (teacher forcing).
 * `wrap` lets another module change how the model sees its weights without touching the model,
 * e.g. lib/peft's LoRA adapters around the frozen base.
 */
import { ids as idsTensor } from '@/lib/tensor';
import type { Ops } from '@/lib/model/ops';
import type { TransformerConfig } from '@/lib/model/config';
import { transformer } from '@/lib/model/transformer';
import { ssmLm } from '@/lib/model/ssm-lm';
import { GradOps } from './grad-ops';
import { clipGradNorm, type Optimizer, type Weights } from './optim';
import type { Var } from './tape';

export interface LossOptions {
  /** Which weights get gradients (default all). */
  trainable?: (name: string) => boolean;
  /** Wraps the recording Ops (e.g. LoRA); the loss is still taken on the GradOps tape. */
  wrap?: (ops: Ops<Var>) => Ops<Var>;
  /** Targets per input position (−1 = not counted), instead of tokens[1..T] (e.g. answer-only loss). */
  targets?: readonly number[];
}

export interface LossAndGrads {
  loss: number;
  grads: Map<string, Float32Array>;
}

/** Logits [1, T, V] of the model the config describes: the Transformer, or the state-space LM (cfg.ssm). */
export function modelLogits<V>(ops: Ops<V>, cfg: TransformerConfig, ids: V): V {
  return cfg.ssm ? ssmLm(ops, cfg, ids).logits : transformer(ops, cfg, ids).logits;
}

/** Splits T + 1 tokens into inputs [T] and next-token targets [T]. */
export function shiftTokens(tokens: readonly number[]): { input: number[]; target: number[] } {
  if (tokens.length < 2) throw new Error('a training sequence needs at least 2 tokens');
  return { input: tokens.slice(0, -1), target: tokens.slice(1) };
}

export function lossAndGrads(weights: Weights, cfg: TransformerConfig, tokens: readonly number[], opts: LossOptions = {}): LossAndGrads {
  const { input, target: shifted } = shiftTokens(tokens);
  const target = opts.targets ?? shifted;
  const g = new GradOps(weights, { trainable: opts.trainable });
  const ops = opts.wrap ? opts.wrap(g) : g;
  const logits = modelLogits(ops, cfg, g.ids(idsTensor(input))); // [1, T, V]
  const loss = g.crossEntropy(logits, target, -1);
  g.backward(loss);
  return { loss: (loss.value.data as Float32Array)[0], grads: g.grads() };
}

export interface StepOptions extends LossOptions {
  lr: number;
  /** Max global gradient norm (omit: no clipping). */
  clip?: number;
}

export interface StepResult {
  /** Loss before the update. */
  loss: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
}

export function trainStep(weights: Weights, cfg: TransformerConfig, tokens: readonly number[], opt: Optimizer, opts: StepOptions): StepResult {
  const { loss, grads } = lossAndGrads(weights, cfg, tokens, opts);
  const gradNorm = clipGradNorm(grads, opts.clip ?? Infinity);
  opt.step(weights, grads, opts.lr);
  return { loss, gradNorm };
}

export interface Example {
  /** T + 1 tokens. */
  tokens: readonly number[];
  /** Optional targets per input position (−1 = not counted). */
  targets?: readonly number[];
}

/**
 * One update from a mini-batch by gradient accumulation (the model runs one sequence at a time):
 * the loss and gradients are the means over the examples, then clipping and the optimiser step.
 */
export function batchStep(weights: Weights, cfg: TransformerConfig, batch: readonly Example[], opt: Optimizer, opts: StepOptions): StepResult {
  if (batch.length === 0) throw new Error('batchStep needs at least one example');
  let loss = 0;
  let sum: Map<string, Float32Array> | null = null;
  for (const ex of batch) {
    const r = lossAndGrads(weights, cfg, ex.tokens, { ...opts, targets: ex.targets });
    loss += r.loss / batch.length;
    if (!sum) sum = r.grads;
    else for (const [n, g] of r.grads) {
      const acc = sum.get(n)!;
      for (let i = 0; i < g.length; i++) acc[i] += g[i];
    }
  }
  const grads = sum!;
  for (const g of grads.values()) for (let i = 0; i < g.length; i++) g[i] /= batch.length;
  const gradNorm = clipGradNorm(grads, opts.clip ?? Infinity);
  opt.step(weights, grads, opts.lr);
  return { loss, gradNorm };
}

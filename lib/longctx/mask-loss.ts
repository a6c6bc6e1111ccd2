/**
 * The measured side of the Efficient-attention lesson: `lm` read with a sparse attention pattern
 * (every layer, every head) on fixed held-out text, compared with full causal attention.
 *
 *   loss(pattern) = mean over windows and positions of −log p(x_{t+1} | x_{≤t}) under the pattern
 *   Δ = loss(pattern) − loss(full)   (nats per token; > 0: the pattern hurts)
 *
 * The model was trained with full causal attention, so Δ measures how much of what lm learned to
 * read the pattern hides, not what a model trained sparse would reach. Eager TS reference (the
 * page runs it in a worker); windows are the first `tokens` ids of lib/longctx/val-windows.ts.
 */
import type { TransformerConfig } from '@/lib/model/config';
import { EagerOps, type WeightMap } from '@/lib/model/eager';
import { transformer } from '@/lib/model/transformer';
import { ids } from '@/lib/tensor';
import { meanRange, tokenNll } from './position-loss';
import { density, toAttnMask, type Pattern } from './sparse-masks';
import { valWindows } from './val-windows';

/** Tokens per window: lm's training context. */
export const MASK_TOKENS = 256;

/** The held-out windows the measurement uses (first `count`, each cut to `tokens`). */
export function maskWindows(count: number, tokens = MASK_TOKENS): number[][] {
  return valWindows().slice(0, count).map((w) => w.slice(0, tokens));
}

/** Mean next-token loss (nats) of the model on one window with the pattern applied. */
export function windowLoss(cfg: TransformerConfig, weights: WeightMap, window: readonly number[], p: Pattern): number {
  const c: TransformerConfig = { ...cfg, attnMask: toAttnMask(p) };
  const { logits } = transformer(new EagerOps(weights), c, ids([...window]));
  const nll = tokenNll(logits.data as Float32Array, cfg.vocabSize, window.slice(1));
  return meanRange(nll, 0, nll.length);
}

export interface MaskLoss {
  pattern: Pattern;
  /** Share of the causal (query, key) pairs the pattern keeps at this length. */
  density: number;
  loss: number;
  full: number;
  delta: number;
}

/** loss under the pattern and under full attention, averaged over the windows. */
export function maskLoss(cfg: TransformerConfig, weights: WeightMap, windows: readonly (readonly number[])[], p: Pattern, fullPerWindow?: readonly number[]): MaskLoss {
  const full = fullPerWindow ?? windows.map((w) => windowLoss(cfg, weights, w, { kind: 'full', size: 1, period: 1 }));
  const loss = windows.map((w) => windowLoss(cfg, weights, w, p));
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  return { pattern: p, density: density(p, windows[0].length).fraction, loss: mean(loss), full: mean(full), delta: mean(loss) - mean(full) };
}

/**
 * Masked-language-model read-outs for the encoder-only model lm-mlm (and the causal lm next to it).
 *
 * The [MASK] token: our BPE (models/tokenizer/austen-bpe-4096.json) has ids 0..4095 and no special
 * tokens. lm-mlm has vocabSize 4097 and its last id, 4096, is [MASK]: only the model knows it —
 * the tokenizer never emits it, it is never a training target, and the predictions here leave it
 * out (probabilities are a softmax over the 4096 real tokens). training/mlm.py is the PyTorch side.
 *
 * Shapes: logits [T, V] row-major (the [1, T, V] output of the model), V = vocabulary size.
 *
 * Example: ids "It is a truth" = [a, b, c, d]; mask position 3 → [a, b, c, 4096]; lm-mlm's row 3
 * ranks the candidates for d from both sides; lm ranks them from row 2 of its logits for [a, b, c].
 */
import type { TransformerConfig } from '@/lib/model/config';

/** Ids of the tokenizer every shipped model uses. */
export const TOKENIZER_VOCAB = 4096;
/** Targets of positions that carry no loss (PyTorch's cross_entropy ignore_index). */
export const IGNORE = -100;

/** The [MASK] id of an encoder-only masked LM: vocabSize − 1, one past the tokenizer's ids. */
export function maskTokenId(cfg: TransformerConfig, tokenizerVocab = TOKENIZER_VOCAB): number {
  if (cfg.attnMask?.kind !== 'bidirectional') throw new Error('maskTokenId: not an encoder-only model (attnMask is not bidirectional)');
  if (cfg.vocabSize !== tokenizerVocab + 1) throw new Error(`maskTokenId: expected vocabSize ${tokenizerVocab + 1} (tokenizer + [MASK]), got ${cfg.vocabSize}`);
  return cfg.vocabSize - 1;
}

/** ids with every position in `positions` replaced by maskId. */
export function withMask(ids: readonly number[], positions: readonly number[], maskId: number): number[] {
  const out = [...ids];
  for (const p of positions) {
    if (!Number.isInteger(p) || p < 0 || p >= ids.length) throw new Error(`withMask: position ${p} outside 0..${ids.length - 1}`);
    out[p] = maskId;
  }
  return out;
}

export interface Prediction {
  id: number;
  logit: number;
  /** softmax over ids 0..nReal-1 of the row */
  p: number;
}

/**
 * The k most likely ids of row t of logits [T, V], among ids 0..nReal−1 (nReal ≤ V; the masked LM
 * passes 4096 to leave [MASK] out), with their softmax probability over those nReal ids.
 * Sorted by logit, ties to the lower id (as torch.topk/argmax on distinct values).
 */
export function topPredictions(logits: ArrayLike<number>, V: number, t: number, k: number, nReal = V): Prediction[] {
  if (nReal > V || nReal < 1) throw new Error(`topPredictions: nReal ${nReal} not in 1..${V}`);
  if (t < 0 || (t + 1) * V > logits.length) throw new Error(`topPredictions: row ${t} outside the logits`);
  const off = t * V;
  let max = -Infinity;
  for (let v = 0; v < nReal; v++) max = Math.max(max, logits[off + v]);
  let sum = 0;
  for (let v = 0; v < nReal; v++) sum += Math.exp(logits[off + v] - max);
  const order = Array.from({ length: nReal }, (_, v) => v);
  order.sort((a, b) => logits[off + b] - logits[off + a] || a - b);
  return order.slice(0, k).map((id) => ({ id, logit: logits[off + id], p: Math.exp(logits[off + id] - max) / sum }));
}

/** Rank (1 = best) and probability of `id` in row t, over ids 0..nReal−1. */
export function rankOf(logits: ArrayLike<number>, V: number, t: number, id: number, nReal = V): { rank: number; p: number } {
  const off = t * V;
  const x = logits[off + id];
  let max = -Infinity;
  for (let v = 0; v < nReal; v++) max = Math.max(max, logits[off + v]);
  let sum = 0;
  let above = 0;
  for (let v = 0; v < nReal; v++) {
    sum += Math.exp(logits[off + v] - max);
    if (logits[off + v] > x || (logits[off + v] === x && v < id)) above++;
  }
  return { rank: above + 1, p: Math.exp(x - max) / sum };
}

export interface MaskedScore {
  /** mean −log p(target) over scored positions, softmax over all V logits (as training) */
  loss: number;
  /** share of scored positions whose argmax over ids < nReal is the target */
  accuracy: number;
  positions: number;
}

/**
 * Masked-token loss and accuracy of one window: logits [T, V], targets [T] (IGNORE where a position
 * was not chosen). Mirrors mlm_eval in training/mlm.py (loss over all V, argmax over real ids).
 */
export function maskedScore(logits: ArrayLike<number>, V: number, targets: readonly number[], nReal = V): MaskedScore {
  let nll = 0;
  let correct = 0;
  let n = 0;
  targets.forEach((y, t) => {
    if (y === IGNORE) return;
    const off = t * V;
    let max = -Infinity;
    for (let v = 0; v < V; v++) max = Math.max(max, logits[off + v]);
    let sum = 0;
    for (let v = 0; v < V; v++) sum += Math.exp(logits[off + v] - max);
    nll += max + Math.log(sum) - logits[off + y];
    let best = 0;
    for (let v = 1; v < nReal; v++) if (logits[off + v] > logits[off + best]) best = v;
    if (best === y) correct++;
    n++;
  });
  return { loss: n ? nll / n : 0, accuracy: n ? correct / n : 0, positions: n };
}

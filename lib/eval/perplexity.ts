/**
 * Cross-entropy on held-out text, and the units it is reported in (lib/data/metrics.ts).
 *
 * A window of ids x_0 … x_{T−1} gives T − 1 predictions: row t of the logits scores x_{t+1}.
 * The loss is the mean negative log-likelihood over every prediction of every window,
 *   L = −(1/N) Σ ln p(x_{t+1} | x_0 … x_t)            (nats per token)
 * — the number a trainer prints as "val loss" when it averages the same way (equal-length
 * windows, so the mean of window means equals the mean over tokens).
 *
 * Bits per byte divides the same total by the UTF-8 bytes of the predicted tokens, so two
 * tokenizers of the same bytes can be compared: a tokenizer with longer tokens has fewer, harder
 * predictions (higher loss per token) for the same total.
 *
 *   windowNll(logits of [a, b, c], V, [a, b, c]) → { nats: −ln p(b|a) − ln p(c|a b), tokens: 2 }
 */
import { bitsPerByte, bitsPerToken, perplexity } from '../data/metrics';
import { logProbAt, throwIfAborted, type EvalForward, type RunOptions } from './forward';

export interface NllSum {
  /** Σ −ln p over the predictions (nats). */
  nats: number;
  /** How many predictions. */
  tokens: number;
  /** UTF-8 bytes of the predicted tokens (0 when not counted). */
  bytes: number;
}

/** The predictions of one window: row t of logits [T, V] against ids[t + 1]. */
export function windowNll(logits: ArrayLike<number>, vocab: number, ids: readonly number[]): NllSum {
  let nats = 0;
  for (let t = 0; t + 1 < ids.length; t++) nats -= logProbAt(logits, vocab, t, ids[t + 1]);
  return { nats, tokens: Math.max(0, ids.length - 1), bytes: 0 };
}

export function addNll(a: NllSum, b: NllSum): NllSum {
  return { nats: a.nats + b.nats, tokens: a.tokens + b.tokens, bytes: a.bytes + b.bytes };
}

/** Cuts each long window into consecutive chunks of `len` ids: [[0..1023]], 256 → 4 windows. */
export function chunkWindows(windows: readonly (readonly number[])[], len: number): number[][] {
  const out: number[][] = [];
  for (const w of windows) for (let s = 0; s + len <= w.length; s += len) out.push(w.slice(s, s + len));
  return out;
}

export interface Measured {
  loss: number;
  perplexity: number;
  bitsPerToken: number;
  bitsPerByte: number;
  /** Predicted tokens and their bytes. */
  tokens: number;
  bytes: number;
}

export function summarizeNll(s: NllSum): Measured {
  const loss = s.nats / s.tokens;
  return {
    loss, perplexity: perplexity(loss), bitsPerToken: bitsPerToken(loss),
    bitsPerByte: s.bytes > 0 ? bitsPerByte(loss, s.tokens, s.bytes) : NaN, tokens: s.tokens, bytes: s.bytes,
  };
}

/**
 * Mean next-token loss of a model over windows. `bytesOf(ids)` counts the UTF-8 bytes of the
 * predicted tokens (ids[1:] of each window) for bits per byte.
 */
export async function heldOutLoss(
  windows: readonly (readonly number[])[], forward: EvalForward, bytesOf: (ids: readonly number[]) => number,
  opts: RunOptions = {},
): Promise<Measured> {
  let total: NllSum = { nats: 0, tokens: 0, bytes: 0 };
  for (const [k, w] of windows.entries()) {
    throwIfAborted(opts.signal);
    const { logits, vocab } = await forward([...w]);
    total = addNll(total, { ...windowNll(logits, vocab, w), bytes: bytesOf(w.slice(1)) });
    opts.onStep?.(k + 1, windows.length);
  }
  return summarizeNll(total);
}

/**
 * The same bytes seen by a byte-level model (one token per byte): if it reached the same bits per
 * byte, its per-token perplexity would be 2^(bits per byte). Per-token perplexities of models with
 * different tokenizers are not comparable; this is what the same code length looks like per byte.
 */
export function byteLevelPerplexity(m: Measured): number {
  return Math.pow(2, m.bitsPerByte);
}

/**
 * Bounded KV caches, measured: keep only the last `size` tokens' keys and values (a sliding
 * window, Beltagy et al. 2020 "Longformer"; Jiang et al. 2023 "Mistral 7B", W = 4096), optionally
 * plus the first `sinks` tokens (attention sinks, Xiao et al. 2024 "Efficient Streaming Language
 * Models with Attention Sinks").
 *
 * With RoPE, the cache holds keys after rotation, each at its own absolute position. Evicting a
 * key from the cache is then exactly hiding it with cfg.attnMask = {kind: 'window', size, sinks}
 * (lib/model/positions.ts): query i sees key j iff j ≤ i and (i − j < size or j < sinks). That is
 * what we run. StreamingLLM additionally re-numbers positions inside the cache (a query's
 * distance to a sink becomes ≤ size + sinks); we do not.
 *
 *   windowVariant('logits', 64, 4)          → 'logits@window:64:4'
 *   parseWindowVariant('logits@window:64:4') → { base: 'logits', size: 64, sinks: 4 }
 *   visibleKeys(9, 4, 2)                     → 6  (keys 0, 1 and 6…9)
 */
import type { TransformerConfig } from '@/lib/model/config';
import { meanRange, meanRows, tokenNll } from './position-loss';

/** lm's training length: the fixed slice is the first 256 tokens of each held-out window. */
export const SLICE_TOKENS = 256;
/** Window sizes the lesson measures (and the widget offers). */
export const WINDOW_SIZES = [8, 16, 32, 64, 128] as const;
/** Sink counts the lesson measures next to 0 (StreamingLLM keeps 4). */
export const LESSON_SINKS = 4;
/** Positions ≥ this are where every window in WINDOW_SIZES is active (the "late" mean). */
export const LATE_FROM = 128;

/** Copy of cfg whose attention sees the last `size` keys plus the first `sinks`. */
export function withWindow(cfg: TransformerConfig, size: number, sinks: number): TransformerConfig {
  if (!Number.isInteger(size) || size < 1) throw new Error(`window size must be a positive integer (got ${size})`);
  if (!Number.isInteger(sinks) || sinks < 0) throw new Error(`sinks must be a non-negative integer (got ${sinks})`);
  return { ...cfg, attnMask: { kind: 'window', size, sinks } };
}

export function windowVariant(base: string, size: number, sinks: number): string {
  return `${base}@window:${size}:${sinks}`;
}

/** Inverse of windowVariant; null for any other name. */
export function parseWindowVariant(variant: string): { base: string; size: number; sinks: number } | null {
  const m = /^([a-z-]+)@window:(\d+):(\d+)$/.exec(variant);
  if (!m) return null;
  const size = Number(m[2]);
  return size >= 1 ? { base: m[1], size, sinks: Number(m[3]) } : null;
}

/** Keys query i (0-based) attends to under a window of `size` with `sinks` kept: the cache length. */
export function visibleKeys(i: number, size: number, sinks: number): number {
  const recent = Math.min(i + 1, size);
  return recent + Math.min(sinks, Math.max(0, i + 1 - size));
}

export interface BoundedSpec {
  id: string;
  label: string;
  /** Graph variant of lm: 'logits' (full attention) or windowVariant('logits', size, sinks). */
  variant: string;
  size: number | null;
  sinks: number;
}

/** Full attention, the window without sinks and (when sinks > 0) with them. */
export function boundedPlan(size: number, sinks: number): BoundedSpec[] {
  const plan: BoundedSpec[] = [
    { id: 'full', label: 'full attention', variant: 'logits', size: null, sinks: 0 },
    { id: `w${size}s0`, label: `window ${size}`, variant: windowVariant('logits', size, 0), size, sinks: 0 },
  ];
  if (sinks > 0) plan.push({ id: `w${size}s${sinks}`, label: `window ${size} + ${sinks} sink${sinks > 1 ? 's' : ''}`, variant: windowVariant('logits', size, sinks), size, sinks });
  return plan;
}

/** Logits [T, V] (row-major) of one of lm's variants on ids [T]. */
export type VariantForward = (variant: string, ids: number[]) => Promise<{ logits: ArrayLike<number>; vocab: number }>;

/** Mean loss per position (SLICE_TOKENS − 1 values) over the windows' first SLICE_TOKENS tokens. */
export async function boundedCurve(
  variant: string, windows: readonly (readonly number[])[], forward: VariantForward,
  opts: { signal?: AbortSignal; onWindow?: (done: number) => void } = {},
): Promise<Float64Array> {
  const rows: Float64Array[] = [];
  for (const w of windows) {
    if (opts.signal?.aborted) throw new DOMException('cancelled', 'AbortError');
    const ids = w.slice(0, SLICE_TOKENS);
    const { logits, vocab } = await forward(variant, ids);
    rows.push(tokenNll(logits, vocab, ids.slice(1)));
    opts.onWindow?.(rows.length);
  }
  return meanRows(rows);
}

/** Mean over every position, and over positions ≥ LATE_FROM (where every window has cut). */
export function boundedSummary(curve: ArrayLike<number>): { whole: number; late: number } {
  return { whole: meanRange(curve, 0, curve.length), late: meanRange(curve, LATE_FROM, curve.length) };
}

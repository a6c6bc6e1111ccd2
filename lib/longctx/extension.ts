/**
 * The context-extension experiment of the Positions lesson, as a plan and a runner that the
 * page (model worker) and the bench (ORT WASM in Node) share, so both produce the same curves.
 *
 * Series: `lm` (RoPE, trained on 256-token windows) under each scaling rule at factor s, run on
 * held-out windows of N tokens; and the twins `lm-alibi` / `lm-learned-pos` (trained on 128-token
 * windows). The learned-position twin has a table of 128 rows, so it only sees the first 128
 * tokens of each window. Each series' curve is the mean over windows of the loss at each position
 * (lib/longctx/position-loss.ts).
 */
import { meanRange, meanRows, tokenNll } from './position-loss';
import { scaledVariant, type RuleKind } from './scaling';

export type SeriesId = RuleKind | 'alibi' | 'learned';
export const SERIES_IDS: readonly SeriesId[] = ['none', 'pi', 'ntk', 'yarn', 'alibi', 'learned'];

/** Training context of `lm` and of the two position twins (models/manifest.json). */
export const LM_CONTEXT = 256;
export const TWIN_CONTEXT = 128;

export interface SeriesSpec {
  id: SeriesId;
  label: string;
  model: string;
  variant: string;
  /** Tokens fed per window (the curve has tokens − 1 positions). */
  tokens: number;
  /** Factor the rule was applied with (1 for the unscaled series). */
  factor: number;
}

const LABELS: Record<SeriesId, string> = {
  none: 'lm, no scaling', pi: 'lm + PI', ntk: 'lm + NTK-aware', yarn: 'lm + YaRN',
  alibi: 'lm-alibi', learned: 'lm-learned-pos',
};

/** One spec per series for factor s and windows of `length` tokens. */
export function seriesPlan(factor: number, length: number): SeriesSpec[] {
  return SERIES_IDS.map((id) => {
    if (id === 'alibi') return { id, label: LABELS[id], model: 'lm-alibi', variant: 'logits', tokens: length, factor: 1 };
    if (id === 'learned') return { id, label: LABELS[id], model: 'lm-learned-pos', variant: 'logits', tokens: Math.min(length, TWIN_CONTEXT), factor: 1 };
    const f = id === 'none' ? 1 : factor;
    return { id, label: LABELS[id], model: 'lm', variant: scaledVariant('logits', id, f), tokens: length, factor: f };
  });
}

/** Logits [T, V] (row-major) of a model variant on ids [T]. */
export type Forward = (model: string, variant: string, ids: number[]) => Promise<{ logits: ArrayLike<number>; vocab: number }>;

/** Mean loss per position over the windows for one series; stops early (throws) when aborted. */
export async function seriesCurve(
  spec: SeriesSpec, windows: readonly (readonly number[])[], forward: Forward,
  opts: { signal?: AbortSignal; onWindow?: (done: number) => void } = {},
): Promise<Float64Array> {
  const rows: Float64Array[] = [];
  for (const w of windows) {
    if (opts.signal?.aborted) throw new DOMException('cancelled', 'AbortError');
    if (w.length < spec.tokens) throw new Error(`window of ${w.length} tokens, the series needs ${spec.tokens}`);
    const ids = w.slice(0, spec.tokens);
    const { logits, vocab } = await forward(spec.model, spec.variant, ids);
    rows.push(tokenNll(logits, vocab, ids.slice(1)));
    opts.onWindow?.(rows.length);
  }
  return meanRows(rows);
}

export interface LossSummary {
  /** Mean over every position of a window of n tokens (positions 0 … n−2). */
  whole: number;
  /** Mean over the positions past lm's training length (256 … n−2); NaN for n ≤ 257. */
  beyond: number;
  /** Mean over the positions inside lm's training length (0 … min(n−2, 255)). */
  within: number;
}

/** The summary numbers of a curve at window length n (NaN where the curve is shorter). */
export function summarize(curve: ArrayLike<number>, n: number): LossSummary {
  if (curve.length < n - 1) return { whole: NaN, beyond: NaN, within: NaN };
  return { whole: meanRange(curve, 0, n - 1), beyond: meanRange(curve, LM_CONTEXT, n - 1), within: meanRange(curve, 0, Math.min(n - 1, LM_CONTEXT)) };
}

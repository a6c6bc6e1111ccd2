/**
 * Pure math and geometry of the next-token widget (compute here, render in React):
 *
 *   samplerOf(s)                 the sliders → lib/sample's SamplerOptions (0 / 1 mean "off")
 *   transform(logits, s, hist)   the model's distribution (softmax at T = 1) BEFORE, and the one a
 *                                sample is drawn from AFTER the chosen processors (lib/sample's
 *                                `distribution`, Hugging Face's order: penalty → T → top-k → top-p
 *                                → min-p); how many tokens survive and the model mass they held
 *   entropy(p)                   H(p) = −Σ p ln p in nats (0 ln 0 = 0)
 *   topRows(before, after, n)    the n ids with the largest max(before, after)
 *   layoutPairs(rows, o)         two bars per row (before above, after below) on one linear
 *                                scale 0 … the largest probability shown
 *   drawSeeded(p, seed, step)    one inverse-CDF draw from mulberry32(seed + step)
 *
 * Worked examples: entropy([0.5, 0.25, 0.25]) = 0.5 ln 2 + 2 · 0.25 ln 4 = 1.5 ln 2 ≈ 1.0397 nats.
 * Top-p 0.8 on [0.5, 0.3, 0.15, 0.05] keeps the first two (0.5 + 0.3 reaches 0.8): kept mass 0.8.
 */
import { scaleBand, scaleLinear } from 'd3';
import { distribution, drawCategorical, softmax, type SamplerOptions } from '@/lib/sample';
import { mulberry32 } from '@/lib/tensor/rng';

export interface Knobs {
  temperature: number;
  topK: number;
  topP: number;
  minP: number;
  repetitionPenalty: number;
}

export function samplerOf(s: Knobs): SamplerOptions {
  return {
    temperature: s.temperature,
    ...(s.topK > 0 ? { topK: s.topK } : {}),
    ...(s.topP < 1 ? { topP: s.topP } : {}),
    ...(s.minP > 0 ? { minP: s.minP } : {}),
    ...(s.repetitionPenalty !== 1 ? { repetitionPenalty: s.repetitionPenalty } : {}),
  };
}

export function entropy(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) h -= p[i] * Math.log(p[i]);
  return h;
}

export interface Transformed {
  before: Float64Array; // [V]
  after: Float64Array; // [V]
  /** Tokens with after > 0. */
  kept: number;
  /** Σ before over the kept tokens: how much of the model's own probability survived the filters. */
  keptMass: number;
  entropyBefore: number;
  entropyAfter: number;
}

export function transform(logits: ArrayLike<number>, s: Knobs, history: readonly number[] = []): Transformed {
  const before = softmax(logits, 1); // [V]
  const after = distribution(logits, samplerOf(s), history); // [V]
  let kept = 0;
  let keptMass = 0;
  for (let i = 0; i < after.length; i++) {
    if (after[i] > 0) {
      kept++;
      keptMass += before[i];
    }
  }
  return { before, after, kept, keptMass, entropyBefore: entropy(before), entropyAfter: entropy(after) };
}

export interface Row {
  id: number;
  before: number;
  after: number;
}

/** The n rows with the largest max(before, after), largest first (ties: lower id first). */
export function topRows(before: ArrayLike<number>, after: ArrayLike<number>, n: number): Row[] {
  const rows: Row[] = [];
  for (let id = 0; id < before.length; id++) rows.push({ id, before: before[id], after: after[id] });
  rows.sort((a, b) => Math.max(b.before, b.after) - Math.max(a.before, a.after) || a.id - b.id);
  return rows.slice(0, Math.max(0, n));
}

export interface PairBar extends Row {
  y: number;
  /** Height of each of the two bars; the after bar starts at y + barHeight. */
  barHeight: number;
  wBefore: number;
  wAfter: number;
}

export interface PairsLayout {
  bars: PairBar[];
  width: number;
  height: number;
  labelWidth: number;
  plotWidth: number;
}

/**
 * Example: rows with before/after (0.5, 0.8) and (0.25, 0), width 300, labelWidth 80, valueWidth 120,
 * rowHeight 30 → plot 100 px, scale 0…0.8: widths 62.5/100 and 31.25/0; band step 30 with inner
 * padding 0.2 and outer 0.1 → band 24, y = 3 and 33, barHeight 12.
 */
export function layoutPairs(rows: readonly Row[], o: { width: number; labelWidth: number; valueWidth: number; rowHeight: number }): PairsLayout {
  const plotWidth = Math.max(0, o.width - o.labelWidth - o.valueWidth);
  const height = rows.length * o.rowHeight;
  const y = scaleBand<number>().domain(rows.map((_, i) => i)).range([0, height]).paddingInner(0.2).paddingOuter(0.1);
  const max = Math.max(0, ...rows.map((r) => Math.max(r.before, r.after)));
  const x = scaleLinear().domain([0, max > 0 ? max : 1]).range([0, plotWidth]);
  const barHeight = y.bandwidth() / 2;
  const bars = rows.map((r, i) => ({ ...r, y: y(i) ?? 0, barHeight, wBefore: x(r.before), wAfter: x(r.after) }));
  return { bars, width: o.width, height, labelWidth: o.labelWidth, plotWidth };
}

/** "42.0%", "<0.1%" for tiny non-zero, "0%" for removed. */
export function pct(p: number): string {
  if (p === 0) return '0%';
  if (p < 0.001) return '<0.1%';
  return `${(p * 100).toFixed(1)}%`;
}

/**
 * One draw from p with the generator seeded by seed + step (step = tokens in the context), so a
 * link reproduces every draw and each appended token gets a fresh one. Greedy p is one-hot.
 */
export function drawSeeded(p: ArrayLike<number>, seed: number, step: number): number {
  return drawCategorical(p, mulberry32((seed + step) >>> 0));
}

/**
 * Pure numbers for the lora-rank widget: parameter accounting for lm's real projections
 * (lib/peft loraParamCounts) and the curve of relative rank-r errors from an SVD.
 *
 *   rankView(lm, 8, 'qv') → { lora: 28 672, full: 196 608, share: 0.146, … }   (8 blocks × (2048 + 1536))
 */
import type { TransformerConfig } from '@/lib/model/config';
import { paramCount } from '@/lib/model/init';

export { paramCount };
import { adaptedWeights, loraParamCounts, type LoraTarget } from '@/lib/peft/lora';
import lmConfig from '@/models/lm/config.json';
import { scaleLinear } from 'd3';
import type { Axes, Margin } from '../scale-common/chart';

export const LM_CONFIG = lmConfig as TransformerConfig;

export const TARGETS: Record<'qv' | 'qkvo' | 'all', readonly LoraTarget[]> = {
  qv: ['wq', 'wv'],
  qkvo: ['wq', 'wk', 'wv', 'wo'],
  all: ['wq', 'wk', 'wv', 'wo', 'w1', 'w2', 'w3'],
};

export const TARGET_LABELS: Record<keyof typeof TARGETS, string> = {
  qv: 'W_q and W_v (as Hu et al.)',
  qkvo: 'all four attention projections',
  all: 'attention and MLP',
};

export interface RankRow { name: string; m: number; n: number; lora: number; full: number }

export interface RankView {
  lora: number;
  full: number;
  /** lora / full. */
  share: number;
  /** One block's adapted matrices (the others are alike). */
  rows: RankRow[];
  /** Adapter bytes in float32. */
  bytes: number;
}

export function rankView(cfg: TransformerConfig, r: number, targets: keyof typeof TARGETS): RankView {
  const lora = { r, alpha: 2 * r, targets: TARGETS[targets] };
  const c = loraParamCounts(cfg, lora);
  const rows = adaptedWeights(cfg, lora)
    .filter((w) => w.name.startsWith('blocks.0.'))
    .map((w) => ({ name: w.name.replace(/^blocks\.0\./, '').replace(/\.weight$/, ''), m: w.out, n: w.in, lora: r * (w.out + w.in), full: w.out * w.in }));
  return { lora: c.lora, full: c.full, share: c.lora / c.full, rows, bytes: 4 * c.lora };
}

/** [rank, relative error] points of an errors array (index = rank, 0..k). */
export function errorPoints(errors: ArrayLike<number>): [number, number][] {
  return Array.from({ length: errors.length }, (_, r) => [r, errors[r]] as [number, number]);
}

/** The error at rank r, clamped to the matrix's full rank k (error 0 there). */
export function errorAt(errors: ArrayLike<number>, r: number): { rank: number; error: number } {
  const rank = Math.min(r, errors.length - 1);
  return { rank, error: errors[rank] };
}

/** Linear x and y axes in the scale-common Axes shape (its makeAxes has a log x axis). */
export function linearAxes(o: { width: number; height: number; margin: Margin; xDomain: [number, number]; yDomain: [number, number]; yFormat?: (v: number) => string }): Axes {
  const m = o.margin;
  const plot = { x: m.left, y: m.top, width: Math.max(10, o.width - m.left - m.right), height: Math.max(10, o.height - m.top - m.bottom) };
  const xs = scaleLinear().domain(o.xDomain).range([plot.x, plot.x + plot.width]);
  const ys = scaleLinear().domain(o.yDomain).range([plot.y + plot.height, plot.y]);
  const yf = o.yFormat ?? ((v: number) => v.toFixed(2));
  const xTicks = xs.ticks(plot.width < 260 ? 4 : 8).filter(Number.isInteger);
  return {
    width: o.width, height: o.height, plot, x: (v) => xs(v), y: (v) => ys(v),
    xTicks: xTicks.map((v) => ({ value: v, pos: xs(v), label: String(v) })),
    yTicks: ys.ticks(5).map((v) => ({ value: v, pos: ys(v), label: yf(v) })),
  };
}

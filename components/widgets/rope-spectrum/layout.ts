/**
 * The spectrum figure: lm's RoPE pairs (hs = 32, base 10000, trained at L = 256), each pair's
 * wavelength 2π/θ_j in tokens on a log10 axis, before and after a rule (lib/longctx/rope-geometry.ts).
 */
import type { LineSeries } from '@/components/viz/line-chart';
import type { RopeConfig } from '@/lib/model/config';
import { spectrum, type SpectrumRow } from '@/lib/longctx/rope-geometry';
import { scalingFor } from '@/lib/longctx/scaling';
import { RULE_NAMES, type Rule } from './RuleControls';

export const HS = 32;
export const BASE = 10000;
export const TRAIN = 256;

export function ropeOf(rule: Rule, factor: number): RopeConfig {
  return { base: BASE, scaling: scalingFor(rule, factor, TRAIN) };
}

export function spectrumView(rule: Rule, factor: number): { rows: SpectrumRow[]; attentionScale: number; series: LineSeries[] } {
  const { rows, attentionScale } = spectrum(HS, ropeOf(rule, factor), TRAIN);
  const series: LineSeries[] = [
    { id: 'base', label: 'as trained (θ_j = 10000^(−2j/32))', color: 0, points: rows.map((r) => ({ x: r.j, y: Math.log10(r.wavelength) })) },
    { id: 'scaled', label: rule === 'none' ? 'no rule (same as trained)' : `${RULE_NAMES[rule]}, s = ${factor}`, color: rule === 'pi' ? 1 : rule === 'ntk' ? 2 : rule === 'yarn' ? 3 : 0, dashed: rule === 'none',
      points: rows.map((r) => ({ x: r.j, y: Math.log10(r.scaledWavelength) })) },
    { id: 'train', label: 'training length 256', color: 4, dashed: true, points: [{ x: 0, y: Math.log10(TRAIN) }, { x: HS / 2 - 1, y: Math.log10(TRAIN) }] },
  ];
  return { rows, attentionScale, series };
}

/** 10^v tick labels: 1, 10, 100, 1k, 10k, … */
export function powerLabel(v: number): string {
  const x = Math.pow(10, v);
  if (!Number.isInteger(v)) return '';
  return x >= 1000 ? `${x / 1000}k` : String(x);
}

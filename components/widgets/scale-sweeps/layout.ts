/**
 * Pure numbers of the scale-sweeps widget: which sweep points the fit uses, the fit itself
 * (lib/scale/fit.ts), the fitted curve across the x range, and whether the fit is trustworthy.
 *
 *   runs 'best256'  the lowest-loss run of each size among the context-256 models (4 points)
 *   runs 'all256'   every context-256 run (different steps, mixes, dropout)
 *   runs 'all'      every run, including the context-128 models, whose loss is on 128-token windows
 *
 * A floor fit is flagged as not identifiable when its α sits at the edge of the searched range
 * (10⁻³ or 3): the data then do not pin down E, A and α together.
 */
import { fitPowerLaw, fitPowerLawFloor } from '@/lib/scale/fit';
import { bestPerSize, sweepPoints, type SweepPoint } from '@/lib/scale/sweeps';
import { logspace } from '../scale-common/chart';
import type { ScaleSweepsState } from './index';

export interface SweepsView {
  all: SweepPoint[];
  used: SweepPoint[];
  xs: (p: SweepPoint) => number;
  fit: { kind: 'power'; a: number; alpha: number; r2: number } | { kind: 'floor'; E: number; A: number; alpha: number; rmse: number };
  curve: [number, number][];
  xDomain: [number, number];
  yDomain: [number, number];
  warning: string | null;
  /** Set when the fit mixes losses that are not comparable (context-128 runs are scored on 128-token windows). */
  caveat: string | null;
}

export const X_LABEL: Record<ScaleSweepsState['x'], string> = { params: 'parameters N', nonEmbedding: 'non-embedding parameters', flops: 'training compute 6ND (FLOPs)' };

export function sweepsView(s: ScaleSweepsState, points: SweepPoint[] = sweepPoints()): SweepsView {
  const xs = (p: SweepPoint) => p[s.x];
  const ctx256 = points.filter((p) => p.contextLength === 256);
  const used = s.runs === 'best256' ? bestPerSize(ctx256) : s.runs === 'all256' ? ctx256 : points;
  const x = used.map(xs);
  const y = used.map((p) => p.valLoss);
  const allX = points.map(xs);
  const lo = Math.min(...allX) / 1.5;
  const hi = Math.max(...allX) * 1.5;
  let fit: SweepsView['fit'];
  let f: (v: number) => number;
  let warning: string | null = null;
  if (s.fit === 'power') {
    const p = fitPowerLaw(x, y);
    fit = { kind: 'power', ...p };
    f = (v) => p.a * v ** -p.alpha;
  } else {
    const p = fitPowerLawFloor(x, y);
    fit = { kind: 'floor', ...p };
    f = (v) => p.E + p.A * v ** -p.alpha;
    if (p.alpha > 2.9 || p.alpha < 0.0011) warning = `The fit ran into the edge of the α range searched (α = ${p.alpha.toFixed(3)}): these points cannot pin down a floor E, a scale A and an exponent α at once.`;
    else if (p.E === 0) warning = 'The best floor is E = 0: over this range the points look like a plain power law.';
  }
  const curve = logspace(lo, hi, 80).map((v) => [v, f(v)] as [number, number]);
  const ys = points.map((p) => p.valLoss);
  const caveat = used.some((p) => p.contextLength !== 256)
    ? 'This fit mixes in the context-128 runs, whose loss is measured on 128-token windows: their points are not comparable with the others.'
    : null;
  return { all: points, used, xs, fit, curve, xDomain: [lo, hi], yDomain: [Math.min(...ys) - 0.05, Math.max(...ys) + 0.05], warning, caveat };
}

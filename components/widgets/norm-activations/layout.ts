/**
 * Pure data of the norm-activations widget (numbers from lib/interp/norm-act.ts):
 *
 *   normRows(x, eps)    one row per component: x_i, LayerNorm(x)_i, RMSNorm(x)_i
 *   curveSeries(c)      GELU, SiLU and ReLU as LineSeries
 *   MAX_DIMS            components used (the rest of the typed text is reported, not used)
 *
 * Example: normRows([3, 4], 0) → rows (3, −1, 0.849) and (4, 1, 1.131).
 */
import type { LineSeries } from '@/components/viz/line-chart';
import { normCompare, type Curves } from '@/lib/interp/norm-act';

export const MAX_DIMS = 8;
/** The ε of lm's RMSNorm (models/lm/config.json normEps). */
export const EPS = 1e-5;

export interface NormRow {
  i: number;
  x: number;
  layer: number;
  rms: number;
}

export function normRows(x: readonly number[], eps: number): { rows: NormRow[]; mean: number; std: number; rms: number } {
  const r = normCompare(x, eps);
  return { rows: x.map((v, i) => ({ i, x: v, layer: r.layer[i], rms: r.rmsNormed[i] })), mean: r.mean, std: r.std, rms: r.rms };
}

export function curveSeries(c: Curves): LineSeries[] {
  const pts = (ys: number[]) => c.x.map((x, i) => ({ x, y: ys[i] }));
  return [
    { id: 'gelu', label: 'GELU (tanh form)', color: 0, points: pts(c.gelu) },
    { id: 'silu', label: 'SiLU = Swish₁', color: 1, points: pts(c.silu) },
    { id: 'relu', label: 'ReLU', color: 2, dashed: true, points: pts(c.relu) },
  ];
}

/** Pure helpers of the prune-sparsity widget: fraction grid, curve geometry, labels. */
import type { PruneMethod } from '@/lib/prune/model';

export const METHOD_LABEL: Record<PruneMethod, string> = {
  magnitude: 'smallest weights, per matrix',
  'magnitude-global': 'smallest weights, global',
  heads: 'whole attention heads',
  neurons: 'whole MLP neurons',
};

export const UNIT: Record<PruneMethod, string> = { magnitude: 'weights', 'magnitude-global': 'weights', heads: 'query heads', neurons: 'neurons' };

/** The slider's grid: 0, 0.1, …, 0.9. Any fraction snaps to it (URL values too). */
export const GRID = Array.from({ length: 10 }, (_, i) => i / 10);
export const snap = (f: number): number => Math.min(0.9, Math.max(0, Math.round(f * 10) / 10));

export interface CurvePoint { fraction: number; loss: number }

export interface CurveView {
  width: number;
  height: number;
  pad: { l: number; r: number; t: number; b: number };
  yMax: number;
  /** SVG path of the points in order of fraction. */
  path: string;
  dots: { x: number; y: number; fraction: number; loss: number }[];
  x(f: number): number;
  y(l: number): number;
  yTicks: number[];
}

/** Loss against fraction: x 0…0.9, y from 0 to a round ceiling over the points and the base loss. */
export function layoutCurve(points: readonly CurvePoint[], base: number, width: number, height = 200): CurveView {
  const pad = { l: 36, r: 10, t: 8, b: 28 };
  const top = Math.max(base, ...points.map((p) => p.loss));
  const yMax = Math.max(4, Math.ceil(top));
  const x = (f: number) => pad.l + (f / 0.9) * (width - pad.l - pad.r);
  const y = (l: number) => pad.t + (1 - l / yMax) * (height - pad.t - pad.b);
  const sorted = [...points].sort((a, b) => a.fraction - b.fraction);
  const dots = sorted.map((p) => ({ x: x(p.fraction), y: y(p.loss), fraction: p.fraction, loss: p.loss }));
  const path = dots.map((d, i) => `${i ? 'L' : 'M'}${d.x.toFixed(1)},${d.y.toFixed(1)}`).join('');
  const step = yMax <= 6 ? 1 : 2;
  const yTicks = Array.from({ length: Math.floor(yMax / step) + 1 }, (_, i) => i * step);
  return { width, height, pad, yMax, path, dots, x, y, yTicks };
}

export const kb = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`;

/**
 * Pure geometry of the embedding map: which tokens are drawn (the first `count` tokens that begin
 * a word — a space, then at least two letters — in id order, i.e. BPE merge order, which learns
 * frequent words early) and where each lands in
 * the 2-D PCA plane.
 *
 * Example: projections [[0, 0], [2, 1], [-2, -1]] on a 300 × 200 chart with margins 40/10/10/30:
 * x domain [-2, 2] padded by 5% → [-2.2, 2.2], so (0, 0) sits at the middle of the plot.
 */
import type { Axes, Margin } from '../scale-common/chart';
import { linearAxes } from '../embed-common/layout';

export const MAP_MARGIN: Margin = { top: 10, right: 12, bottom: 40, left: 52 };

export interface Dot {
  id: number;
  x: number;
  y: number;
  /** 'pick' = the chosen token, 'nb' = one of its neighbours, '' = the rest. */
  role: 'pick' | 'nb' | '';
}

/** The first `count` ids of `wordIds` (clamped to what there is). */
export function subset(wordIds: readonly number[], count: number): number[] {
  return wordIds.slice(0, Math.max(0, Math.min(count, wordIds.length)));
}

/** A domain covering the values, padded by 5% each side (never empty). */
export function padded(lo: number, hi: number): [number, number] {
  if (!(hi > lo)) return [lo - 1, lo + 1];
  const p = 0.05 * (hi - lo);
  return [lo - p, hi + p];
}

/**
 * Dots for the shown ids; `proj(id)` gives a token's (PC1, PC2). The pick and its neighbours are
 * drawn even when they are not among the shown ids, and drawn last (on top).
 */
export function mapLayout(shown: readonly number[], proj: (id: number) => [number, number], pick: number | null, nbs: readonly number[], width: number, height: number): { axes: Axes; dots: Dot[] } {
  const nbSet = new Set(nbs);
  const ids = [...shown.filter((i) => i !== pick && !nbSet.has(i)), ...nbs.filter((i) => i !== pick), ...(pick === null ? [] : [pick])];
  const pts = ids.map((id) => ({ id, p: proj(id) }));
  const xs = pts.map((q) => q.p[0]);
  const ys = pts.map((q) => q.p[1]);
  const axes = linearAxes({
    width, height, margin: MAP_MARGIN,
    xDomain: pts.length ? padded(Math.min(...xs), Math.max(...xs)) : [-1, 1],
    yDomain: pts.length ? padded(Math.min(...ys), Math.max(...ys)) : [-1, 1],
    xFormat: (v) => v.toFixed(1), yFormat: (v) => v.toFixed(1),
  });
  const dots = pts.map(({ id, p }) => ({ id, x: axes.x(p[0]), y: axes.y(p[1]), role: (id === pick ? 'pick' : nbSet.has(id) ? 'nb' : '') as Dot['role'] }));
  return { axes, dots };
}

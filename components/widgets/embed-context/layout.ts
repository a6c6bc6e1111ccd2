/**
 * Pure geometry of the per-layer similarity chart: x = layer (0 = the embedding, l = output of
 * block l − 1, labelled "emb", "1" … "L"), y = cosine. The y domain starts at 0 unless a value is
 * negative, and always ends just above 1 (1.02, so a point at 1 is not cut). The x domain has a quarter-layer of room each side so the
 * end points are drawn whole.
 *
 *   layerLabels(3) → ["emb", "1", "2", "3"];  yDomain([0.4, 1, -0.1]) → [-0.1, 1.02]
 */
import type { Axes, Margin } from '../scale-common/chart';
import { linearAxes } from '../embed-common/layout';

export const CTX_MARGIN: Margin = { top: 10, right: 14, bottom: 40, left: 52 };

export const layerLabels = (nLayer: number): string[] => ['emb', ...Array.from({ length: nLayer }, (_, l) => String(l + 1))];

export function yDomain(values: readonly number[]): [number, number] {
  const lo = Math.min(0, ...values.filter(Number.isFinite));
  return [Math.floor(lo * 10) / 10, 1.02];
}

export function contextAxes(nLayer: number, values: readonly number[], width: number, height: number): Axes {
  const labels = layerLabels(nLayer);
  return linearAxes({
    width, height, margin: CTX_MARGIN, xDomain: [-0.25, nLayer + 0.25], yDomain: yDomain(values),
    xTicks: labels.map((_, i) => i), xFormat: (v) => labels[v] ?? String(v), yFormat: (v) => v.toFixed(1),
  });
}

/** [layer, cosine] points of a per-layer series (non-finite values dropped). */
export const seriesPoints = (s: readonly number[]): [number, number][] => s.flatMap((v, i) => (Number.isFinite(v) ? [[i, v] as [number, number]] : []));

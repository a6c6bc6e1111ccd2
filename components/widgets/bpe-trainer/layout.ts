/**
 * Pure view model of the BPE trainer: merge trace → bytes-per-token curve, merge-table rows and
 * chart geometry (D3 scales and line; React draws the SVG), merge tree → indented rows.
 *
 * Worked example (Wikipedia's "aaabdaaabac", 11 bytes, three merges 11→9→7→5 tokens):
 *   compressionPoints(trace, 11) → bytes per token (0, 1), (1, 11/9), (2, 11/7), (3, 11/5).
 * Bytes per token is the lab's one efficiency measure (higher = more text per token).
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { MergeNode, MergeStep } from '@/lib/tokenizer';

export interface CurvePoint {
  step: number;
  /** Corpus bytes / corpus tokens after `step` merges (1 before any merge). */
  ratio: number;
  tokens: number;
}

/** Bytes per token after 0 … trace.length merges. */
export function compressionPoints(trace: readonly MergeStep[], bytes: number): CurvePoint[] {
  if (bytes === 0) return [{ step: 0, ratio: 1, tokens: 0 }];
  const first = trace.length ? trace[0].tokensBefore : bytes;
  const pts = [{ step: 0, ratio: bytes / first, tokens: first }];
  trace.forEach((m, i) => pts.push({ step: i + 1, ratio: m.tokensAfter ? bytes / m.tokensAfter : 1, tokens: m.tokensAfter }));
  return pts;
}

export interface ChartGeometry {
  width: number;
  height: number;
  path: string;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  /** Marker at the current step. */
  marker: { x: number; y: number };
  plot: { left: number; right: number; top: number; bottom: number };
}

export const CHART_MARGIN = { left: 44, right: 12, top: 10, bottom: 30 };

/** Chart geometry for the bytes-per-token curve; y runs from 0 to the largest ratio (at least 2), rounded up by D3's nice(). */
export function chartGeometry(points: readonly CurvePoint[], step: number, width: number, height: number): ChartGeometry {
  const m = CHART_MARGIN;
  const maxStep = Math.max(1, points[points.length - 1]?.step ?? 1);
  const x = scaleLinear().domain([0, maxStep]).range([m.left, width - m.right]);
  const top = Math.max(2, ...points.map((p) => p.ratio));
  const y = scaleLinear().domain([0, top]).range([height - m.bottom, m.top]).nice(4);
  const path = line<CurvePoint>().x((p) => x(p.step)).y((p) => y(p.ratio))(points as CurvePoint[]) ?? '';
  const cur = points[Math.max(0, Math.min(step, points.length - 1))] ?? { step: 0, ratio: 1 };
  const r2 = (v: number) => Math.round(v * 100) / 100;
  return {
    width,
    height,
    path,
    xTicks: x.ticks(Math.max(2, Math.floor(width / 80))).filter(Number.isInteger).map((t) => ({ x: r2(x(t)), label: String(t) })),
    yTicks: y.ticks(4).map((t) => ({ y: r2(y(t)), label: String(t) })),
    marker: { x: r2(x(cur.step)), y: r2(y(cur.ratio)) },
    plot: { left: m.left, right: width - m.right, top: m.top, bottom: height - m.bottom },
  };
}

export interface MergeRow {
  rank: number;
  left: string;
  right: string;
  merged: string;
  id: number;
  count: number;
  current: boolean;
}

/**
 * The merge-table rows shown at `step` (merges 0 … step-1 are done): the last `window` done
 * merges, newest last; `current` marks the merge made by the latest step.
 */
export function mergeRows(trace: readonly MergeStep[], step: number, text: (id: number) => string, window = 8): MergeRow[] {
  const end = Math.max(0, Math.min(step, trace.length));
  return trace.slice(Math.max(0, end - window), end).map((m) => ({
    rank: m.rank,
    left: text(m.pair[0]),
    right: text(m.pair[1]),
    merged: text(m.id),
    id: m.id,
    count: m.count,
    current: m.rank === end - 1,
  }));
}

export interface TreeRow {
  id: number;
  text: string;
  depth: number;
  leaf: boolean;
}

/** A merge tree, pre-order, as indented rows (root depth 0). */
export function treeRows(node: MergeNode, depth = 0, out: TreeRow[] = []): TreeRow[] {
  out.push({ id: node.id, text: node.text, depth, leaf: !node.left });
  if (node.left) treeRows(node.left, depth + 1, out);
  if (node.right) treeRows(node.right, depth + 1, out);
  return out;
}

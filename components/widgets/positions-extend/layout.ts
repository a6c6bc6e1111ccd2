/**
 * Pure data → view for the context-extension widget: chart series from bucketed loss curves,
 * the summary rows, the data table and the raw per-position CSV. Every number comes from
 * lib/longctx (position-loss.ts, extension.ts).
 */
import type { LineSeries } from '@/components/viz/line-chart';
import { LM_CONTEXT, summarize, type SeriesId, type SeriesSpec } from '@/lib/longctx/extension';
import { buckets } from '@/lib/longctx/position-loss';

export const COLORS: Record<SeriesId, number> = { none: 0, pi: 1, ntk: 2, yarn: 3, alibi: 4, learned: 5 };

export type Curves = Partial<Record<SeriesId, Float64Array>>;

/** The legend label: the rule's factor where it has one, and the learned twin's limit. */
export function seriesLabel(spec: SeriesSpec): string {
  if (spec.id === 'pi' || spec.id === 'ntk' || spec.id === 'yarn') return `${spec.label} (s = ${spec.factor})`;
  if (spec.id === 'learned') return `${spec.label} (stops at 128: its table ends)`;
  return spec.label;
}

/** One chart series per computed curve: the mean of each bucket, drawn at the bucket's middle. */
export function chartSeries(plan: readonly SeriesSpec[], curves: Curves, bucket: number): LineSeries[] {
  return plan.flatMap((spec) => {
    const c = curves[spec.id];
    if (!c) return [];
    const points = buckets(c, bucket).map((b) => ({ x: (b.start + b.end - 1) / 2, y: b.mean }));
    return [{ id: spec.id, label: seriesLabel(spec), points, color: COLORS[spec.id], dashed: spec.model !== 'lm' }];
  });
}

export interface SummaryRow {
  id: SeriesId;
  label: string;
  /** Mean loss over the positions the series covers, and past lm's 256 (NaN when none). */
  whole: number;
  beyond: number;
  /** Mean loss over positions 0 … 255 (inside lm's training length). */
  within: number;
  positions: number;
}

export function summaryRows(plan: readonly SeriesSpec[], curves: Curves): SummaryRow[] {
  return plan.flatMap((spec) => {
    const c = curves[spec.id];
    if (!c) return [];
    const s = summarize(c, c.length + 1);
    // the table's range column shows where the learned twin stops, so its row keeps the short name
    return [{ id: spec.id, label: spec.id === 'learned' ? spec.label : seriesLabel(spec), whole: s.whole, beyond: s.beyond, within: s.within, positions: c.length }];
  });
}

/** Rows of the data table: one per bucket, one column per computed series ('–' past a curve's end). */
export function bucketTable(plan: readonly SeriesSpec[], curves: Curves, bucket: number): { head: string[]; rows: string[][] } {
  const shown = plan.filter((s) => curves[s.id]);
  const longest = Math.max(0, ...shown.map((s) => curves[s.id]!.length));
  const per = shown.map((s) => buckets(curves[s.id]!, bucket));
  const rows: string[][] = [];
  for (let start = 0, b = 0; start < longest; start += bucket, b++) {
    rows.push([`${start}–${Math.min(longest, start + bucket) - 1}`, ...per.map((bs) => (bs[b] ? bs[b].mean.toFixed(3) : '–'))]);
  }
  return { head: ['Positions', ...shown.map((s) => s.label)], rows };
}

/** position,<series…> with the loss at every position (empty past a curve's end). */
export function rawCsv(plan: readonly SeriesSpec[], curves: Curves): string {
  const shown = plan.filter((s) => curves[s.id]);
  const longest = Math.max(0, ...shown.map((s) => curves[s.id]!.length));
  const lines = [['position', ...shown.map((s) => s.id)].join(',')];
  for (let t = 0; t < longest; t++) lines.push([t, ...shown.map((s) => (t < curves[s.id]!.length ? curves[s.id]![t].toFixed(5) : ''))].join(','));
  return lines.join('\n');
}

/** Vertical markers: where lm and the twins stopped seeing positions in training. */
export function trainingMarks(length: number): { x: number; label: string }[] {
  return [{ x: 128, label: 'twins trained: 128' }, { x: LM_CONTEXT, label: 'lm trained: 256' }].filter((m) => m.x < length);
}

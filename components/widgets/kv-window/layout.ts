/**
 * Pure data → view for the bounded-cache widget: chart series (loss per position, bucketed), the
 * summary rows (mean loss and the change against full attention) and the data table. Every
 * number comes from lib/longctx (bounded-cache.ts, position-loss.ts).
 */
import type { LineSeries } from '@/components/viz/line-chart';
import { boundedSummary, LATE_FROM, type BoundedSpec } from '@/lib/longctx/bounded-cache';
import { buckets } from '@/lib/longctx/position-loss';

export type Curves = Record<string, Float64Array | undefined>;
export const BUCKET = 16;

export function chartSeries(plan: readonly BoundedSpec[], curves: Curves): LineSeries[] {
  return plan.flatMap((spec, i) => {
    const c = curves[spec.id];
    if (!c) return [];
    const points = buckets(c, BUCKET).map((b) => ({ x: (b.start + b.end - 1) / 2, y: b.mean }));
    return [{ id: spec.id, label: spec.label, points, color: i, dashed: spec.size === null }];
  });
}

export interface SummaryRow { id: string; label: string; whole: number; late: number; dWhole: number; dLate: number }

/** Mean loss per series and its change against full attention (NaN until full is measured). */
export function summaryRows(plan: readonly BoundedSpec[], curves: Curves): SummaryRow[] {
  const full = curves.full ? boundedSummary(curves.full) : null;
  return plan.flatMap((spec) => {
    const c = curves[spec.id];
    if (!c) return [];
    const s = boundedSummary(c);
    return [{ id: spec.id, label: spec.label, whole: s.whole, late: s.late, dWhole: full ? s.whole - full.whole : NaN, dLate: full ? s.late - full.late : NaN }];
  });
}

/** '+0.173', '−0.001', '0.000' (a real minus sign). */
export function signed(x: number): string {
  if (Number.isNaN(x)) return '–';
  const s = Math.abs(x).toFixed(3);
  if (s === '0.000') return s;
  return (x < 0 ? '−' : '+') + s;
}

/** One row per bucket of BUCKET positions, one column per measured series. */
export function bucketTable(plan: readonly BoundedSpec[], curves: Curves): { head: string[]; rows: string[][] } {
  const shown = plan.filter((s) => curves[s.id]);
  const per = shown.map((s) => buckets(curves[s.id]!, BUCKET));
  const n = Math.max(0, ...per.map((p) => p.length));
  const rows = Array.from({ length: n }, (_, b) => {
    const first = per.find((p) => p[b])![b];
    return [`${first.start}–${first.end - 1}`, ...per.map((p) => (p[b] ? p[b].mean.toFixed(3) : '–'))];
  });
  return { head: ['Positions', ...shown.map((s) => s.label)], rows };
}

export const LATE_LABEL = `positions ≥ ${LATE_FROM}`;

/**
 * Pure data → view for the kv-growth widget: the cache grid (one bar per layer × kv head, its
 * length ∝ cached tokens), the timing series and the data table. Bytes come from
 * lib/longctx/kv-growth.ts.
 */
import type { LineSeries } from '@/components/viz/line-chart';
import type { CacheCell } from '@/lib/longctx/kv-growth';

export interface Step {
  /** Tokens in the context the step read (prompt + tokens generated before it). */
  context: number;
  token: number;
  /** Cached tokens after this step (context + 1 once the new token's K/V is stored; the prompt after the prefill). */
  cached: number;
  cachedMs: number;
  recomputeMs: number | null;
}

export interface GridBar { key: string; x: number; y: number; w: number; full: number; label: string }

export const ROW_H = 16;
export const LABEL_W = 64;

/** Bars laid out row by layer, column by kv head; w ∝ S / capacity of the track. */
export function gridBars(cells: readonly CacheCell[], nKvHead: number, S: number, capacity: number, width: number): GridBar[] {
  const colW = (width - LABEL_W) / nKvHead;
  const track = colW - 8;
  return cells.map((c) => ({
    key: `${c.layer}.${c.kvHead}`,
    x: LABEL_W + c.kvHead * colW,
    y: c.layer * (ROW_H + 4),
    w: capacity > 0 ? Math.max(0, Math.min(1, S / capacity)) * track : 0,
    full: track,
    label: `layer ${c.layer}, kv head ${c.kvHead}: ${S} tokens, ${c.numbers} numbers`,
  }));
}

/** ms per generated token against the context it read, with and without the cache. */
export function timingSeries(steps: readonly Step[]): LineSeries[] {
  // step 0 is the prefill (the whole prompt at once): its time is shown apart, not as a decode step
  const withC = steps.slice(1).map((s) => ({ x: s.context, y: s.cachedMs }));
  const without = steps.filter((s) => s.recomputeMs !== null).map((s) => ({ x: s.context, y: s.recomputeMs! }));
  const out: LineSeries[] = [{ id: 'cached', label: 'with the cache', points: withC, color: 0 }];
  if (without.length > 0) out.push({ id: 'recompute', label: 'without (whole prefix again)', points: without, color: 1, dashed: true });
  return out;
}

export const ms = (x: number | null) => (x === null || Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(2) : x.toFixed(1));

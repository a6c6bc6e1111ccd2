/**
 * Pure geometry of a horizontal stacked bar chart (compute here, render in StackedBars.tsx):
 * one row per bar, segments laid end to end on one linear scale from 0 to the largest total
 * (or a reference line, if larger), with ticks.
 *
 * Example: rows [{label 'a', parts [1, 3]}, {label 'b', parts [2]}], width 300, labelWidth 100,
 * valueWidth 0, rowHeight 20 → plot 200 px, domain [0, 4] (nice), x = 50 px per unit:
 * a → segments (100, 50) and (150, 150); b → (100, 100); bar height 20 · 0.7 = 14.
 */
import { scaleLinear } from 'd3';

export interface BarRow {
  label: string;
  parts: readonly number[];
  highlight?: boolean;
}

export interface Segment {
  x: number;
  width: number;
  value: number;
  part: number;
}

export interface BarGeom {
  label: string;
  y: number;
  height: number;
  total: number;
  end: number;
  segments: Segment[];
  highlight: boolean;
}

export interface BarsLayout {
  width: number;
  height: number;
  labelWidth: number;
  plotWidth: number;
  bars: BarGeom[];
  ticks: { value: number; x: number }[];
  ref: { x: number; value: number } | null;
}

/** labelHeight > 0 (narrow screens): each row's label sits on its own line above the bar, which starts at the left edge. */
export function layoutBars(rows: readonly BarRow[], o: { width: number; labelWidth: number; valueWidth: number; rowHeight: number; ref?: number; axisHeight?: number; labelHeight?: number }): BarsLayout {
  const plotWidth = Math.max(10, o.width - o.labelWidth - o.valueWidth);
  const totals = rows.map((r) => r.parts.reduce((a, b) => a + b, 0));
  const max = Math.max(o.ref ?? 0, ...totals, 0);
  const x = scaleLinear().domain([0, max > 0 ? max : 1]).range([o.labelWidth, o.labelWidth + plotWidth]).nice(4);
  const bars = rows.map((r, i) => {
    let acc = 0;
    const segments = r.parts.map((v, part) => {
      const s = { x: x(acc), width: x(acc + v) - x(acc), value: v, part };
      acc += v;
      return s;
    });
    const lh = o.labelHeight ?? 0;
    return { label: r.label, y: i * o.rowHeight + lh, height: (o.rowHeight - lh) * 0.7, total: totals[i], end: x(totals[i]), segments, highlight: !!r.highlight };
  });
  const axis = o.axisHeight ?? 18;
  return {
    width: o.width,
    height: rows.length * o.rowHeight + axis,
    labelWidth: o.labelWidth,
    plotWidth,
    bars,
    ticks: x.ticks(Math.max(2, Math.min(5, Math.floor(plotWidth / 90)))).map((value) => ({ value, x: x(value) })),
    ref: o.ref && o.ref > 0 ? { x: x(o.ref), value: o.ref } : null,
  };
}

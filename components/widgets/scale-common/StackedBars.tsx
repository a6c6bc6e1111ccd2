'use client';
/** A horizontal stacked bar chart from layoutBars (React draws, D3 did the scale). */
import { useMemo } from 'react';
import { useWidth } from '@/components/ui/useWidth';
import { layoutBars, type BarRow } from './bars';

export function StackedBars({ rows, partNames, format, caption, refValue, refLabel, ariaLabel }: {
  rows: readonly BarRow[];
  partNames: readonly string[];
  format: (v: number) => string;
  caption: string;
  refValue?: number;
  refLabel?: string;
  ariaLabel: string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>(600);
  const w = Math.max(280, width);
  const narrow = w < 440;
  const view = useMemo(
    () => layoutBars(rows, narrow
      ? { width: w, labelWidth: 0, valueWidth: 62, rowHeight: 40, labelHeight: 15, ref: refValue }
      : { width: w, labelWidth: Math.min(150, Math.round(w * 0.3)), valueWidth: 62, rowHeight: 28, ref: refValue }),
    [rows, w, refValue, narrow],
  );
  const axisY = view.height - 18;
  return (
    <figure className="sc-figure" ref={ref}>
      <figcaption>
        {partNames.map((n, i) => (
          <span key={n}><span className={`sc-key sc-c${i}`} aria-hidden="true" />{n}</span>
        ))}
        {refLabel ? <span> · dashed line: {refLabel}</span> : null}
        <span className="sr-only">. {caption}</span>
      </figcaption>
      <svg width={view.width} height={view.height} role="img" aria-label={ariaLabel}>
        {view.ticks.map((t) => (
          <g key={t.value} className="sc-axis">
            <line className="sc-grid" x1={t.x} x2={t.x} y1={0} y2={axisY} />
            <text x={t.x} y={axisY + 13} textAnchor="middle">{format(t.value)}</text>
          </g>
        ))}
        {view.bars.map((b) => (
          <g key={b.label} className={b.highlight ? 'sc-bar sc-bar-sel' : 'sc-bar'} data-total={b.total}>
            {b.segments.map((s) => (
              <rect key={s.part} className={`sc-c${s.part}${b.highlight ? '' : ' sc-dim'}`} x={s.x} y={b.y} width={Math.max(0, s.width)} height={b.height} />
            ))}
            {b.highlight && <rect className="sc-sel" x={view.labelWidth} y={b.y} width={Math.max(1, b.end - view.labelWidth)} height={b.height} fill="none" />}
          </g>
        ))}
        {/* the limit line sits over the bars (a bar past it shows it) but under the labels, which carry a halo */}
        {view.ref && <line className="sc-limit" x1={view.ref.x} x2={view.ref.x} y1={0} y2={axisY} />}
        {view.bars.map((b) => (
          <g key={b.label} aria-hidden="true">
            <text x={narrow ? 0 : view.labelWidth - 6} y={narrow ? b.y - 4 : b.y + b.height / 2} dy={narrow ? 0 : '0.35em'} textAnchor={narrow ? 'start' : 'end'}
              className={b.highlight ? 'sc-label sc-halo sc-label-strong' : 'sc-label sc-halo'}>
              {b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label}
            </text>
            <text x={b.end + 4} y={b.y + b.height / 2} dy="0.35em" className="sc-label sc-halo">{format(b.total)}</text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

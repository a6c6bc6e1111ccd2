'use client';
/** The GPipe schedule of one step: p stages (rows) × 2(m + p − 1) time slots; empty cells are the bubble. */
import { useMemo } from 'react';
import { useWidth } from '@/components/ui/useWidth';
import { scheduleLayout } from './layout';

const MAX_P = 16;
const MAX_M = 32;

export function Schedule({ p, m, bubble }: { p: number; m: number; bubble: number }) {
  const [ref, width] = useWidth<HTMLDivElement>(600);
  const drawable = p <= MAX_P && m <= MAX_M;
  const view = useMemo(() => (drawable ? scheduleLayout(p, m, { width: Math.max(280, width), labelWidth: 58, rowHeight: 20 }) : null), [p, m, width, drawable]);
  const pct = `${(bubble * 100).toFixed(1)}%`;
  if (!view) return <p className="sc-small">The schedule is drawn for up to {MAX_P} stages and {MAX_M} micro-batches; the bubble here is {pct} of the step.</p>;
  const showText = view.slotWidth >= 14;
  return (
    <figure className="sc-figure" ref={ref}>
      <figcaption>
        <span className="sc-key sc-c0" aria-hidden="true" />forward
        <span className="sc-key sc-c1" aria-hidden="true" />backward
        <span className="sc-key sc-slot-key" aria-hidden="true" style={{ background: 'var(--bg-soft)', border: '1px solid var(--border)' }} />idle (the bubble: {pct}) · drawn as GPipe; 1F1B reorders the same cells
      </figcaption>
      <svg width={Math.max(280, width)} height={view.height + 16} role="img"
        aria-label={`GPipe schedule: ${p} stages, ${m} micro-batches, ${view.length} time slots; each stage idles ${p - 1} forward and ${p - 1} backward slots, ${pct} of the step.`}>
        {Array.from({ length: p }, (_, k) => (
          <g key={k}>
            <text x={52} y={k * 20 + 9} dy="0.35em" textAnchor="end" className="sc-label">stage {k + 1}</text>
            <rect className="sc-slot-idle" x={58} y={k * 20} width={Math.max(0, view.slotWidth * view.length)} height={18} />
          </g>
        ))}
        {view.cells.map((c) => (
          <g key={`${c.kind}${c.stage}-${c.micro}`}>
            <rect className={c.kind === 'F' ? 'sc-slot-f' : 'sc-slot-b'} x={c.x + 0.5} y={c.y} width={Math.max(0, c.w - 1)} height={c.h} />
            {showText && <text className="sc-slot-text" x={c.x + c.w / 2} y={c.y + c.h / 2} dy="0.35em" textAnchor="middle">{c.micro + 1}</text>}
          </g>
        ))}
        <text x={58} y={view.height + 12} className="sc-label">time → (a cell: one micro-batch, one stage)</text>
      </svg>
    </figure>
  );
}

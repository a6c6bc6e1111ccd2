'use client';
/** Top-N next tokens, each with two bars: the model's probability (before) and after the knobs. */
import { useMemo } from 'react';
import { useWidth } from '@/components/ui/useWidth';
import { layoutPairs, pct, topRows, type Transformed } from './layout';
import { showToken } from '@/components/viz/show-token';

export const TOP = 12;
const ROW = 30;

export function Bars({ t, tokenText }: { t: Transformed; tokenText: (id: number) => string }) {
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const view = useMemo(() => {
    const w = Math.max(240, width);
    return layoutPairs(topRows(t.before, t.after, TOP), { width: w, labelWidth: Math.min(110, Math.round(w * 0.26)), valueWidth: 112, rowHeight: ROW });
  }, [t, width]);
  const label = (id: number) => {
    const s = showToken(tokenText(id));
    return s.length > 12 ? `${s.slice(0, 11)}…` : s;
  };
  return (
    <figure className="nt-figure" ref={ref}>
      <figcaption>
        <span className="nt-key nt-key-before" aria-hidden="true" /> model (T = 1){' '}
        <span className="nt-key nt-key-after" aria-hidden="true" /> after your settings — the {view.bars.length} most likely tokens
      </figcaption>
      <svg className="nt-bars" width={view.width} height={view.height} role="img"
        aria-label={`Top ${view.bars.length} next tokens, before → after: ${view.bars.map((b) => `${label(b.id)} ${pct(b.before)} → ${pct(b.after)}`).join(', ')}`}>
        {view.bars.map((b) => (
          <g key={b.id} className={b.after > 0 ? 'nt-row' : 'nt-row nt-row-cut'} data-id={b.id} data-before={b.before.toFixed(6)} data-after={b.after.toFixed(6)}>
            <text x={view.labelWidth - 6} y={b.y + b.barHeight} dy="0.35em" textAnchor="end" className="nt-label">{label(b.id)}</text>
            <rect className="nt-before" x={view.labelWidth} y={b.y} width={Math.max(1, b.wBefore)} height={b.barHeight} />
            <rect className="nt-after" x={view.labelWidth} y={b.y + b.barHeight} width={b.after > 0 ? Math.max(1, b.wAfter) : 0} height={b.barHeight} />
            <text x={view.labelWidth + Math.max(b.wBefore, b.wAfter) + 4} y={b.y + b.barHeight} dy="0.35em" className="nt-value">
              {pct(b.before)} → {b.after > 0 ? pct(b.after) : 'cut'}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

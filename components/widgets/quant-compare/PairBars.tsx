'use client';
/** The top next tokens of both models: grey = original lm, accent = quantized copy. */
import { useMemo } from 'react';
import { useWidth } from '@/components/ui/useWidth';
import { showToken } from '@/components/viz/show-token';
import { layoutPairs, pct, topRows } from '../next-token/layout';

const TOP = 10;

export function PairBars({ orig, quant, tokenText }: { orig: Float64Array; quant: Float64Array; tokenText: (id: number) => string }) {
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const view = useMemo(() => {
    const w = Math.max(240, width);
    return layoutPairs(topRows(orig, quant, TOP), { width: w, labelWidth: Math.min(110, Math.round(w * 0.26)), valueWidth: 112, rowHeight: 28 });
  }, [orig, quant, width]);
  const label = (id: number) => {
    const s = showToken(tokenText(id));
    return s.length > 12 ? `${s.slice(0, 11)}…` : s;
  };
  return (
    <figure className="qw-figure" ref={ref}>
      <figcaption>
        <span className="qw-key qw-key-before" aria-hidden="true" /> original lm{' '}
        <span className="qw-key qw-key-after" aria-hidden="true" /> quantized — the {view.bars.length} most likely next tokens
      </figcaption>
      <svg width={view.width} height={view.height} role="img"
        aria-label={`Top ${view.bars.length} next tokens, original → quantized: ${view.bars.map((b) => `${label(b.id)} ${pct(b.before)} → ${pct(b.after)}`).join(', ')}`}>
        {view.bars.map((b) => (
          <g key={b.id} data-id={b.id} data-orig={b.before.toFixed(6)} data-quant={b.after.toFixed(6)}>
            <text x={view.labelWidth - 6} y={b.y + b.barHeight} dy="0.35em" textAnchor="end" className="qc-label">{label(b.id)}</text>
            <rect className="qw-before" x={view.labelWidth} y={b.y} width={Math.max(1, b.wBefore)} height={b.barHeight} />
            <rect className="qw-after" x={view.labelWidth} y={b.y + b.barHeight} width={Math.max(1, b.wAfter)} height={b.barHeight} />
            <text x={view.labelWidth + Math.max(b.wBefore, b.wAfter) + 4} y={b.y + b.barHeight} dy="0.35em" className="qw-tick">{pct(b.before)} → {pct(b.after)}</text>
          </g>
        ))}
      </svg>
      <details className="qw-details">
        <summary>Data table</summary>
        <table className="qw-table">
          <thead><tr><th scope="col">token</th><th scope="col">original</th><th scope="col">quantized</th></tr></thead>
          <tbody>{view.bars.map((b) => <tr key={b.id}><td>{label(b.id)}</td><td>{pct(b.before)}</td><td>{pct(b.after)}</td></tr>)}</tbody>
        </table>
      </details>
    </figure>
  );
}

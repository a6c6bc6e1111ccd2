'use client';
/** Histogram of one weight matrix before (grey) and after (accent) quantization, with the grid of representable values as ticks. */
import { useMemo } from 'react';
import { useWidth } from '@/components/ui/useWidth';
import type { TensorSummary } from '@/lib/quant/summary';
import { layoutHistogram, sci } from './layout';

const H = 220;

export function Histogram({ t, gridNote }: { t: TensorSummary; gridNote: string }) {
  const [ref, width] = useWidth<HTMLDivElement>(560);
  const v = useMemo(() => layoutHistogram(t, Math.max(260, width), H), [t, width]);
  const base = v.plotTop + v.plotHeight;
  return (
    <figure className="qw-figure" ref={ref}>
      <figcaption>
        <span className="qw-key qw-key-before" aria-hidden="true" /> original weights{' '}
        <span className="qw-key qw-key-after" aria-hidden="true" /> after quantization{' '}
        <span className="qw-key qw-key-grid" aria-hidden="true" /> {gridNote} (bar height ∝ √count)
      </figcaption>
      <svg width={v.width} height={v.height} role="img" className="qw-hist" data-grid={t.grid.length}
        aria-label={`Histogram of ${t.name}: ${t.before.reduce((a, b) => a + b, 0)} weights between ${sci(v.ticks[0])} and ${sci(v.ticks[4])}; ${v.gridX.length} representable values in view.`}>
        {v.bars.map((b, i) => (
          <g key={i}>
            <rect className="qw-before" x={b.x} y={base - b.hBefore} width={Math.max(0.5, b.w - 0.5)} height={b.hBefore} />
            <rect className="qw-after" x={b.x + b.w * 0.25} y={base - b.hAfter} width={Math.max(0.5, b.w * 0.5)} height={b.hAfter} />
          </g>
        ))}
        {v.gridX.map((x, i) => <line key={i} className="qw-grid" x1={x} x2={x} y1={base + 2} y2={base + 10} />)}
        <line className="qw-axis" x1={0} x2={v.width} y1={base} y2={base} />
        {v.ticks.map((tk, i) => (
          <text key={i} className="qw-tick" x={v.x(tk)} y={v.height - 4} textAnchor={i === 0 ? 'start' : i === 4 ? 'end' : 'middle'}>{sci(tk)}</text>
        ))}
      </svg>
      <details className="qw-details">
        <summary>Data table</summary>
        <table className="qw-table">
          <thead><tr><th scope="col">bin from</th><th scope="col">to</th><th scope="col">original</th><th scope="col">quantized</th></tr></thead>
          <tbody>
            {v.bars.map((b, i) => <tr key={i}><td>{sci(b.from)}</td><td>{sci(b.to)}</td><td>{b.before}</td><td>{b.after}</td></tr>)}
          </tbody>
        </table>
        <p>Representable values of the block shown ({t.grid.length}): {t.grid.length ? t.grid.map(sci).join(', ') : 'every fp16/bf16 number (no grid of its own)'}</p>
      </details>
    </figure>
  );
}

'use client';
/** Bytes per token of the training corpus against the number of merges (D3 scales, React SVG). */
import { useMemo } from 'react';
import { fmtRatio } from '../token-viewer/layout';
import { chartGeometry, type CurvePoint } from './layout';
import { useWidth } from '@/components/ui/useWidth';

export function CompressionChart({ points, step }: { points: readonly CurvePoint[]; step: number }) {
  const [ref, width] = useWidth<HTMLDivElement>(320);
  const height = 190;
  const g = useMemo(() => chartGeometry(points, step, width, height), [points, step, width]);
  const cur = points[Math.min(step, points.length - 1)];
  const first = points[0];
  const label = `Bytes per token: ${fmtRatio(first.ratio)} before any merge, ${fmtRatio(cur.ratio)} after ${cur.step} merges (${cur.tokens} tokens).`;
  return (
    <figure ref={ref} className="bt-chart">
      <figcaption className="control-label">
        Bytes per token: <b>{fmtRatio(cur.ratio)}</b> ({cur.tokens} tokens)
      </figcaption>
      <svg width={g.width} height={g.height} role="img" aria-label={label}>
        {g.yTicks.map((t) => (
          <g key={t.label}>
            <line x1={g.plot.left} x2={g.plot.right} y1={t.y} y2={t.y} className="bt-grid" />
            <text x={g.plot.left - 6} y={t.y} dy="0.32em" textAnchor="end" className="bt-tick">{t.label}</text>
          </g>
        ))}
        {g.xTicks.map((t) => (
          <text key={t.label} x={t.x} y={g.plot.bottom + 16} textAnchor="middle" className="bt-tick">{t.label}</text>
        ))}
        <line x1={g.plot.left} x2={g.plot.right} y1={g.plot.bottom} y2={g.plot.bottom} className="bt-axis" />
        <text x={g.plot.right} y={g.height - 2} textAnchor="end" className="bt-tick">merges →</text>
        <path d={g.path} className="bt-line" />
        <line x1={g.marker.x} x2={g.marker.x} y1={g.plot.top} y2={g.plot.bottom} className="bt-now" />
        <circle cx={g.marker.x} cy={g.marker.y} r={5} className="bt-dot" />
      </svg>
    </figure>
  );
}

'use client';
/** A multi-series line chart (React SVG over ./line-chart.ts), with a legend and vertical markers. */
import { useMemo } from 'react';
import { useWidth } from '@/components/ui/useWidth';
import { lineChartLayout, type LineChartOptions, type LineSeries } from './line-chart';
import './line-chart.css';

interface Props extends LineChartOptions {
  series: readonly LineSeries[];
  xLabel: string;
  yLabel: string;
  /** Text alternative for the whole figure (screen readers). */
  summary: string;
  height?: number;
}

export function LineChart({ series, xLabel, yLabel, summary, height = 260, ...opts }: Props) {
  const [ref, measured] = useWidth<HTMLDivElement>(520);
  const width = Math.max(260, measured);
  const g = useMemo(() => lineChartLayout(series, opts, width, height), [series, opts, width, height]);
  return (
    <div className="lc" ref={ref}>
      <svg width={g.width} height={g.height} role="img" aria-label={summary}>
        {g.yTicks.map((t) => (
          <g key={`y${t.label}`}>
            <line x1={g.plot.left} x2={g.plot.right} y1={t.y} y2={t.y} className="lc-grid" />
            <text x={g.plot.left - 6} y={t.y} dy="0.32em" textAnchor="end" className="lc-tick">{t.label}</text>
          </g>
        ))}
        {g.xTicks.map((t) => (
          <text key={`x${t.label}`} x={t.x} y={g.plot.bottom + 15} textAnchor="middle" className="lc-tick">{t.label}</text>
        ))}
        <line x1={g.plot.left} x2={g.plot.right} y1={g.plot.bottom} y2={g.plot.bottom} className="lc-axis" />
        <line x1={g.plot.left} x2={g.plot.left} y1={g.plot.top} y2={g.plot.bottom} className="lc-axis" />
        {g.vlines.map((v, i) => (
          <g key={`v${v.x}`} className="lc-vline">
            <line x1={v.x} x2={v.x} y1={g.plot.top} y2={g.plot.bottom} />
            {/* a marker near the right edge gets its label on its left, inside the chart */}
            <text x={v.x > g.plot.right - 90 ? v.x - 3 : v.x + 3} textAnchor={v.x > g.plot.right - 90 ? 'end' : 'start'}
              y={g.plot.top - 5 + (i % 2) * 11} className="lc-tick">{v.label}</text>
          </g>
        ))}
        {g.paths.map((p) => (
          <path key={p.id} d={p.d} className={`lc-line lc-c${p.color}${p.dashed ? ' lc-dashed' : ''}`} data-series={p.id} />
        ))}
        <text x={g.plot.right} y={g.height - 3} textAnchor="end" className="lc-tick">{xLabel} →</text>
        <text x={4} y={10} className="lc-tick">{yLabel}</text>
      </svg>
      <ul className="lc-legend">
        {series.map((s) => (
          <li key={s.id}><span className={`lc-key lc-c${s.color}${s.dashed ? ' lc-dashed' : ''}`} aria-hidden="true" />{s.label}</li>
        ))}
      </ul>
    </div>
  );
}

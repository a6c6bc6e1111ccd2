'use client';
/** Axes, grid and axis titles of a makeAxes chart; the caller draws its marks as children. */
import { useId, type ReactNode } from 'react';
import type { Axes } from './chart';

export function Frame({ a, xTitle, yTitle, label, children }: { a: Axes; xTitle: string; yTitle: string; label: string; children: ReactNode }) {
  const bottom = a.plot.y + a.plot.height;
  const clip = `sc-clip${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return (
    <svg width={a.width} height={a.height} role="img" aria-label={label}>
      <g className="sc-axis">
        {a.xTicks.map((t) => (
          <g key={`x${t.value}`}>
            <line className="sc-grid" x1={t.pos} x2={t.pos} y1={a.plot.y} y2={bottom} />
            <text x={t.pos} y={bottom + 14} textAnchor="middle">{t.label}</text>
          </g>
        ))}
        {a.yTicks.map((t) => (
          <g key={`y${t.value}`}>
            <line className="sc-grid" x1={a.plot.x} x2={a.plot.x + a.plot.width} y1={t.pos} y2={t.pos} />
            <text x={a.plot.x - 4} y={t.pos} dy="0.35em" textAnchor="end">{t.label}</text>
          </g>
        ))}
        <line x1={a.plot.x} x2={a.plot.x + a.plot.width} y1={bottom} y2={bottom} />
        <line x1={a.plot.x} x2={a.plot.x} y1={a.plot.y} y2={bottom} />
        <text x={a.plot.x + a.plot.width / 2} y={bottom + 30} textAnchor="middle">{xTitle}</text>
        <text transform={`translate(${a.plot.x - 42},${a.plot.y + a.plot.height / 2}) rotate(-90)`} textAnchor="middle">{yTitle}</text>
      </g>
      <defs>
        <clipPath id={clip}>
          <rect x={a.plot.x} y={a.plot.y} width={a.plot.width} height={a.plot.height} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clip})`}>{children}</g>
    </svg>
  );
}

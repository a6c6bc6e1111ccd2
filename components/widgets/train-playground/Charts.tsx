'use client';
/** The playground's charts: a small line chart (loss, accuracy, learning rate) and the attention map of one head. */
import type { ReactNode } from 'react';
import { pathOf } from '../scale-common/chart';
import { Frame } from '../scale-common/Frame';
import { linearAxes } from '../lora-rank/layout';
import { thin, type Pt } from './layout';

const M = { top: 8, right: 12, bottom: 40, left: 54 };

export interface Series { pts: Pt[]; cls: number; dots?: boolean }

export function LineChart({ width, xMax, yMax, series, xTitle, yTitle, label, yFormat, marker, caption }: {
  width: number; xMax: number; yMax: number; series: Series[]; xTitle: string; yTitle: string; label: string;
  yFormat?: (v: number) => string; marker?: number; caption: ReactNode;
}) {
  const a = linearAxes({ width: Math.max(280, width), height: 190, margin: M, xDomain: [0, Math.max(1, xMax)], yDomain: [0, yMax], yFormat });
  return (
    <figure className="sc-figure">
      <figcaption>{caption}</figcaption>
      <Frame a={a} xTitle={xTitle} yTitle={yTitle} label={label}>
        {series.map((s, i) => {
          const pts = thin(s.pts.map(([x, y]) => [x, Math.min(y, yMax)] as Pt), 600);
          return (
            <g key={i}>
              {pts.length > 1 && <path className={`sc-line sc-line-${s.cls}`} d={pathOf(a, pts)} />}
              {s.dots && pts.map(([x, y]) => <circle key={x} className={`sc-c${s.cls}`} cx={a.x(x)} cy={a.y(y)} r={2.5} />)}
            </g>
          );
        })}
        {marker !== undefined && <line className="sc-limit" x1={a.x(marker)} x2={a.x(marker)} y1={a.plot.y} y2={a.plot.y + a.plot.height} />}
      </Frame>
    </figure>
  );
}

/** One head's attention on one example: rows = query positions, columns = key positions, shade = weight. */
export function AttentionMap({ probs, tokens, labelOf, label }: { probs: Float32Array; tokens: readonly number[]; labelOf: (t: number) => string; label: string }) {
  const T = tokens.length;
  const cell = T > 11 ? 18 : 22;
  const pad = 22;
  const size = pad + T * cell;
  return (
    <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} className="tp-attn">
      {tokens.map((t, i) => (
        <g key={i}>
          <text className="sc-label" x={pad + i * cell + cell / 2} y={pad - 6} textAnchor="middle">{labelOf(t)}</text>
          <text className="sc-label" x={pad - 6} y={pad + i * cell + cell / 2} dy="0.35em" textAnchor="end">{labelOf(t)}</text>
        </g>
      ))}
      {Array.from({ length: T * T }, (_, k) => {
        const q = Math.floor(k / T);
        const j = k % T;
        if (j > q) return null;
        return <rect key={k} className="sc-c0" x={pad + j * cell} y={pad + q * cell} width={cell - 1} height={cell - 1} fillOpacity={Math.max(0.04, probs[k])} strokeWidth={0} />;
      })}
    </svg>
  );
}

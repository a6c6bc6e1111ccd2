'use client';
/** The LSH S-curve for the chosen bands × rows, with the Jaccard threshold marked; a data table below. */
import { sCurve } from './layout';
import { ScrollBox } from '../data-common/ScrollBox';

export function SCurveFigure({ r, b, threshold, width }: { r: number; b: number; threshold: number; width: number }) {
  const w = Math.max(160, Math.min(width, 420) - 40);
  const h = 120;
  const c = sCurve(r, b, threshold, w, h);
  return (
    <figure className="dw-figure">
      <figcaption>
        Chance a pair of similarity s becomes a candidate, 1 − (1 − s<sup>{r}</sup>)<sup>{b}</sup>: {(100 * c.atThreshold).toFixed(2)}% at your threshold {threshold}; steepest near {(c.steepX / w).toFixed(2)}.
      </figcaption>
      <svg width={w + 40} height={h + 30} viewBox={`-32 -6 ${w + 40} ${h + 30}`} role="img" aria-label={`S-curve for b=${b}, r=${r}: ${c.table.map((t) => `s ${t.s.toFixed(1)} → ${t.p.toFixed(2)}`).join(', ')}`}>
        <line className="dw-axis-line" x1={0} x2={w} y1={h} y2={h} />
        <line className="dw-axis-line" x1={0} x2={0} y1={0} y2={h} />
        {[0, 0.5, 1].map((v) => (
          <g key={v}>
            <text className="dw-axis" x={v * w} y={h + 14} textAnchor="middle">{v}</text>
            <text className="dw-axis" x={-6} y={(1 - v) * h + 4} textAnchor="end">{v}</text>
          </g>
        ))}
        <text className="dw-axis" x={w} y={h + 24} textAnchor="end">Jaccard similarity s</text>
        <line className="dw-marker" x1={c.thresholdX} x2={c.thresholdX} y1={0} y2={h} />
        <path className="dw-curve" d={c.path} />
      </svg>
      <details>
        <summary>Data table</summary>
        <ScrollBox label="Candidate probability by similarity">
        <table>
          <thead>
            <tr>
              <th scope="col">s</th>
              {c.table.map((t) => (
                <th key={t.s} scope="col">{t.s.toFixed(1)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">P(candidate)</th>
              {c.table.map((t) => (
                <td key={t.s}>{t.p.toFixed(3)}</td>
              ))}
            </tr>
          </tbody>
        </table>
        </ScrollBox>
      </details>
    </figure>
  );
}

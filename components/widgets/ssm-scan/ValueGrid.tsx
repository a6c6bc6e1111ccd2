'use client';
/** Tokens × heads heat grid: each cell shows its value; colour = value / the grid's max. */
import { showToken } from '@/components/viz/show-token';
import { gridMax } from './layout';

export function ValueGrid({ rows, labels, caption, digits = 2, kind }: { rows: number[][]; labels: string[]; caption: string; digits?: number; kind: string }) {
  const max = gridMax(rows) || 1;
  const H = rows[0]?.length ?? 0;
  return (
    <figure className="mr-figure">
      <figcaption>{caption}</figcaption>
      <div className="mr-grid-wrap">
        <table className="mr-grid ss-grid" data-kind={kind}>
          <thead>
            <tr><th scope="col">Token</th>{Array.from({ length: H }, (_, h) => <th scope="col" key={h}>h{h}</th>)}</tr>
          </thead>
          <tbody>
            {rows.map((r, t) => (
              <tr key={t}>
                <th scope="row"><code className="ss-tok">{showToken(labels[t] ?? '')}</code></th>
                {r.map((v, h) => (
                  <td key={h} className="mr-cell" data-v={v.toFixed(5)}>
                    <span className="mr-fill" style={{ opacity: 0.06 + 0.94 * (Math.abs(v) / max) }} aria-hidden="true" />
                    <span className="mr-val">{v.toFixed(digits)}</span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

'use client';
/** The router heat grid (rows = tokens or layers, columns = experts) and the load bars. */
import { showToken } from '@/components/viz/show-token';
import { cellOpacity, pct, type Cell } from './layout';

export function HeatGrid({ rows, labels, E, selected, onSelect, caption, rowHeader }: {
  rows: Cell[][];
  labels: string[];
  E: number;
  selected?: number;
  onSelect?: (i: number) => void;
  caption: string;
  rowHeader: string;
}) {
  return (
    <figure className="mr-figure">
      <figcaption>{caption}</figcaption>
      <div className="mr-grid-wrap">
        <table className="mr-grid" data-rows={rows.length}>
          <thead>
            <tr>
              <th scope="col">{rowHeader}</th>
              {Array.from({ length: E }, (_, e) => <th scope="col" key={e}><abbr title={`Expert ${e}`}>E{e}</abbr></th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} className={i === selected ? 'mr-sel' : undefined}>
                <th scope="row">
                  {onSelect ? (
                    <button type="button" className="mr-tok" aria-pressed={i === selected} onClick={() => onSelect(i)}>{showToken(labels[i])}</button>
                  ) : labels[i]}
                </th>
                {r.map((c, e) => (
                  <td key={e} className={c.chosen ? 'mr-cell mr-chosen' : 'mr-cell'} data-p={c.p.toFixed(4)} data-rank={c.rank}>
                    <span className="mr-fill" style={{ opacity: cellOpacity(c.p) }} aria-hidden="true" />
                    <span className="mr-val">{pct(c.p)}{c.chosen ? <span className="mr-mark">#{c.rank}</span> : null}</span>
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

export function LoadBars({ counts, shares, k, balance }: { counts: number[]; shares: number[]; k: number; balance: number }) {
  const even = 1 / counts.length;
  return (
    <figure className="mr-figure">
      <figcaption>
        Load of each expert in this layer: its share of the {counts.reduce((a, b) => a + b, 0)} routed slots (tokens × k = {k}).
        The dashed line is an even split ({pct(even)}). Switch load-balancing loss of this text: <b data-balance={balance.toFixed(4)}>{balance.toFixed(3)}</b> (1 = perfectly even).
      </figcaption>
      <ul className="mr-bars">
        {shares.map((s, e) => (
          <li key={e} data-share={s.toFixed(4)}>
            <span className="mr-bar-label">Expert {e}</span>
            <span className="mr-bar-track">
              <span className="mr-bar" style={{ width: pct(s, 2) }} />
              <span className="mr-even" style={{ left: pct(even, 2) }} aria-hidden="true" />
            </span>
            <span className="mr-bar-val">{pct(s, 1)} ({counts[e]})</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

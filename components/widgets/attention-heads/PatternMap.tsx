'use client';
/**
 * One head's attention on the repeated block (row = query, column = key), with the two lines a
 * pattern would follow drawn over it: the previous-token diagonal (dotted) and, in the second
 * copy, the induction diagonal (dashed). An induction head would light up the dashed line.
 */
import { useWidth } from '@/components/ui/useWidth';
import { heatCells, num } from '../attention-explorer/layout';
import { guideLines } from './layout';

interface Props {
  m: ArrayLike<number>;
  period: number;
  layer: number;
  head: number;
  induction: number;
  previous: number;
}

export function PatternMap({ m, period, layer, head, induction, previous }: Props) {
  const [ref, width] = useWidth<HTMLDivElement>(360);
  const T = 2 * period;
  const cell = Math.max(2, Math.min(8, Math.floor(Math.min(width, 420) / T)));
  const size = cell * T;
  const g = guideLines(period);
  const line = (l: number[]) => ({ x1: l[0] * cell, y1: l[1] * cell, x2: l[2] * cell, y2: l[3] * cell });
  return (
    <figure className="ax-detail" ref={ref}>
      <figcaption>
        Layer {layer}, head {head} on the block read twice (query (row) attends to key (column)). Dotted: where a previous-token head looks
        (this head: {num(previous)}). Dashed: where an induction head would look on the second copy (this head: {num(induction)}).
      </figcaption>
      <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} className="ax-pattern" role="img" data-layer={layer} data-head={head}
        aria-label={`Attention of layer ${layer} head ${head} over ${T} tokens; previous-token score ${num(previous)}, induction (prefix-matching) score ${num(induction)}`}>
        <rect x={0} y={0} width={size} height={size} className="ax-heat-bg" />
        {heatCells(m, T, cell).map((c) => <rect key={`${c.row}-${c.col}`} x={c.x} y={c.y} width={cell} height={cell} className="ax-cell" fillOpacity={c.opacity} />)}
        <line {...line(g.previous)} className="ax-guide ax-guide-prev" />
        <line {...line(g.induction)} className="ax-guide ax-guide-ind" />
        <line x1={0} x2={size} y1={period * cell} y2={period * cell} className="ax-guide-copy" />
      </svg>
      <details className="hint">
        <summary>Data table</summary>
        <div className="ax-table-wrap" tabIndex={0} role="region" aria-label={`Layer ${layer} head ${head}: attention on the two guide lines, one row per query`}>
          <table className="ax-table">
            <thead>
              <tr><th scope="col">query i</th><th scope="col">to i−1 (dotted)</th><th scope="col">to i−{period - 1} (dashed)</th></tr>
            </thead>
            <tbody>
              {Array.from({ length: T - 1 }, (_, r) => r + 1).map((i) => (
                <tr key={i}>
                  <th scope="row">{i}{i === period ? ' (copy 2)' : ''}</th>
                  <td>{num(m[i * T + i - 1])}</td>
                  <td>{i >= period ? num(m[i * T + i - period + 1]) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

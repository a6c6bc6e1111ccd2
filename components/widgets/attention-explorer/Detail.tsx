'use client';
/**
 * One head in detail: the causal attention matrix (row = query, column = key), labelled
 * "query (row) attends to key (column)". The picked cell is outlined; the figure is focusable and
 * arrow keys move the picked cell (Home / End: first key / the diagonal), its value is announced
 * in a polite live region, and a click picks a cell. A <details> data table lists every value.
 */
import { useId, type KeyboardEvent } from 'react';
import { useWidth } from '@/components/ui/useWidth';
import { showToken } from '@/components/viz/show-token';
import { heatCells, moveCell, num, type Cell } from './layout';

interface Props {
  m: ArrayLike<number>;
  T: number;
  layer: number;
  head: number;
  cell: Cell;
  tokens: readonly string[];
  onCell: (c: Cell) => void;
  locked: boolean;
}

const LABEL_W = 78;
const COL_H = 60;
const short = (s: string) => (s.length > 8 ? `${s.slice(0, 7)}…` : s);

export function Detail({ m, T, layer, head, cell, tokens, onCell, locked }: Props) {
  const id = useId();
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const cellPx = Math.max(4, Math.min(22, Math.floor((width - LABEL_W - 8) / Math.max(1, T))));
  const size = cellPx * T;
  const cells = heatCells(m, T, cellPx);
  const tok = (i: number) => showToken(tokens[i] ?? `#${i}`);
  const v = m[cell.query * T + cell.key];
  const every = Math.max(1, Math.ceil(12 / cellPx));
  const font = Math.max(9, Math.min(12, cellPx * 0.8));
  const onKey = (e: KeyboardEvent) => {
    if (locked) return;
    const next = moveCell(cell, e.key, T);
    if (next) {
      e.preventDefault();
      onCell(next);
    }
  };
  return (
    <figure className="ax-detail" ref={ref}>
      <figcaption>
        Layer {layer}, head {head}: each row is a query token, each column a key token it may attend to (only earlier ones: the mask hides the
        future). Stronger colour = more attention (opacity √p, so a half-strength cell holds 0.25); every row sums to 1.
      </figcaption>
      <div className="ax-heat-wrap" tabIndex={0} role="group" onKeyDown={onKey} aria-describedby={`${id}-live`}
        aria-label={`Attention matrix of layer ${layer} head ${head}, ${T} tokens. Arrow keys move the picked cell.`}>
        <p className="ax-axis-title" aria-hidden="true">query (row) attends to key (column) →</p>
        <svg width={LABEL_W + size} height={size + COL_H} className="ax-heat" aria-hidden="true" data-layer={layer} data-head={head} data-tokens={T}>
          {Array.from({ length: T }, (_, i) => i).filter((i) => i % every === 0 || i === cell.query).map((i) => (
            <text key={`r${i}`} x={LABEL_W - 4} y={(i + 0.5) * cellPx} dy="0.35em" textAnchor="end" fontSize={font}
              className={i === cell.query ? 'ax-label ax-label-on' : 'ax-label'}>{short(tok(i))}</text>
          ))}
          {Array.from({ length: T }, (_, j) => j).filter((j) => j % every === 0 || j === cell.key).map((j) => (
            <text key={`c${j}`} transform={`translate(${LABEL_W + (j + 0.5) * cellPx + font * 0.3} ${size + 6}) rotate(-60)`} textAnchor="end" fontSize={font}
              className={j === cell.key ? 'ax-label ax-label-on' : 'ax-label'}>{short(tok(j))}</text>
          ))}
          <rect x={LABEL_W} y={0} width={size} height={size} className="ax-heat-bg" />
          {cells.map((c) => (
            <rect key={`${c.row}-${c.col}`} x={LABEL_W + c.x} y={c.y} width={cellPx} height={cellPx} className="ax-cell" fillOpacity={c.opacity}
              onClick={locked ? undefined : () => onCell({ query: c.row, key: c.col })} />
          ))}
          <rect x={LABEL_W + cell.key * cellPx} y={cell.query * cellPx} width={cellPx} height={cellPx} className="ax-cell-pick" data-query={cell.query} data-key={cell.key} />
        </svg>
      </div>
      <p id={`${id}-live`} className="ax-live" aria-live="polite" data-value={v.toFixed(6)}>
        Query {cell.query} <code>{tok(cell.query)}</code> attends to key {cell.key} <code>{tok(cell.key)}</code> with weight <strong>{num(v)}</strong>.
      </p>
      <details className="hint">
        <summary>Data table</summary>
        <div className="ax-table-wrap" tabIndex={0} role="region" aria-label={`Attention weights of layer ${layer} head ${head}`}>
          <table className="ax-table">
            <thead>
              <tr><th scope="col">query ↓ key →</th>{tokens.map((t, j) => <th scope="col" key={j}>{j} <code>{showToken(t)}</code></th>)}</tr>
            </thead>
            <tbody>
              {tokens.map((t, i) => (
                <tr key={i}>
                  <th scope="row">{i} <code>{showToken(t)}</code></th>
                  {tokens.map((_, j) => <td key={j}>{j <= i ? num(m[i * T + j]) : ''}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

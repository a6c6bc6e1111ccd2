'use client';
/**
 * Stream point (rows, the model's output on top) × position (columns): each cell is the lens's
 * top token there, shaded by √p, with a mark where it equals the model's final answer. One cell
 * is in the tab order; arrow keys move it (PageUp / PageDown: top / bottom row, Home / End: first
 * / last position), its values are announced, and moving it picks the position. A <details>
 * data table lists the picked position's column.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { FinalTrace, LensCell } from '@/lib/interp/lens-readout';
import { streamLabel } from '@/lib/interp/lens-readout';
import { gridRows, moveCell, visible, type Cur } from './layout';

interface Props {
  cells: LensCell[][];
  trace: FinalTrace[][];
  tokens: readonly string[];
  tokenText: (id: number) => string;
  pos: number;
  locked: boolean;
  onPos: (pos: number) => void;
}

const short = (s: string) => (s.length > 9 ? `${s.slice(0, 8)}…` : s);

export function LensGrid({ cells, trace, tokens, tokenText, pos, locked, onPos }: Props) {
  const id = useId();
  const N = cells.length;
  const T = tokens.length;
  const [point, setPoint] = useState(N - 1);
  const [focusing, setFocusing] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const cur: Cur = { point: Math.min(point, N - 1), pos };
  const rows = gridRows(cells, trace, tokenText, tokens);
  const picked = rows.find((r) => r.point === cur.point)?.cells[cur.pos];
  useEffect(() => {
    if (!focusing) return;
    wrap.current?.querySelector<HTMLButtonElement>(`[data-point="${cur.point}"][data-pos="${cur.pos}"]`)?.focus();
    setFocusing(false);
  }, [focusing, cur.point, cur.pos]);
  const onKey = (e: KeyboardEvent) => {
    const next = moveCell(cur, e.key, N, T);
    if (!next) return;
    e.preventDefault();
    setPoint(next.point);
    if (next.pos !== pos && !locked) onPos(next.pos);
    setFocusing(true);
  };
  return (
    <figure className="ll-fig">
      <figcaption>
        Rows: where the stream is read (the embedding at the bottom, the model&apos;s own output on top). Columns: positions. Each cell is the
        token the lens ranks first there; stronger colour = higher probability (opacity √p). A dot marks the model&apos;s final answer.
      </figcaption>
      <div className="ll-scroll" ref={wrap} role="region" aria-label="Logit lens grid" tabIndex={-1}>
        <table className="ll-grid" onKeyDown={onKey} aria-describedby={`${id}-live`}>
          <thead>
            <tr>
              <th scope="col" className="ll-corner">after block</th>
              {tokens.map((t, i) => <th scope="col" key={i} className={i === pos ? 'll-on' : undefined}><code>{short(visible(t))}</code></th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.point}>
                <th scope="row" className={r.point === cur.point ? 'll-on' : undefined}>{r.label}</th>
                {r.cells.map((c) => {
                  const on = c.point === cur.point && c.pos === cur.pos;
                  return (
                    <td key={c.pos}>
                      <button type="button" className={`ll-cell${c.pos === pos ? ' ll-col' : ''}`} tabIndex={on ? 0 : -1} aria-pressed={on}
                        data-point={c.point} data-pos={c.pos} data-p={c.p.toFixed(4)} aria-label={c.label}
                        onClick={() => { setPoint(c.point); if (!locked) onPos(c.pos); }}>
                        <span className="ll-fill" style={{ opacity: c.opacity }} aria-hidden="true" />
                        <span className="ll-tok">{short(c.text)}{c.final && <span className="ll-dot" aria-hidden="true">•</span>}</span>
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p id={`${id}-live`} className="ll-live" aria-live="polite">{picked ? picked.label : ''}</p>
      <details className="hint">
        <summary>Data table</summary>
        <table className="ll-table">
          <caption>Position {pos}: the lens&apos;s top token at every stream point</caption>
          <thead><tr><th scope="col">read after</th><th scope="col">top token</th><th scope="col">p</th><th scope="col">final&apos;s rank</th></tr></thead>
          <tbody>
            {cells.map((row, i) => (
              <tr key={i}>
                <th scope="row">{streamLabel(i).replace('after ', '')}</th>
                <td><code>{visible(tokenText(row[pos].ids[0]))}</code></td>
                <td>{row[pos].probs[0].toFixed(3)}</td>
                <td>{trace[i][pos].rank}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

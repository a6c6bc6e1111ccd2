'use client';
/**
 * One position, every stream point: the lens's top k tokens with their probabilities (shade √p),
 * the model's final answer outlined, and that answer's rank and probability at each point.
 * A plain table: every value is text, reachable by a screen reader without a chart.
 */
import type { FinalTrace, LensCell } from '@/lib/interp/lens-readout';
import { topkRows } from './layout';

interface Props {
  cells: LensCell[][];
  trace: FinalTrace[][];
  pos: number;
  tokenText: (id: number) => string;
}

export function LensTopk({ cells, trace, pos, tokenText }: Props) {
  const rows = topkRows(cells, trace, pos, tokenText);
  const k = rows[0]?.top.length ?? 0;
  return (
    <figure className="ll-fig">
      <figcaption>
        Position {pos}: the lens&apos;s top {k} at every stream point (the model&apos;s output on top). The outlined token is the model&apos;s
        final answer; the last two columns give its rank and probability when the stream is read there.
      </figcaption>
      <div className="ll-scroll" role="region" aria-label={`Top ${k} tokens per layer at position ${pos}`} tabIndex={0}>
        <table className="ll-topk">
          <thead>
            <tr>
              <th scope="col">read after</th>
              {Array.from({ length: k }, (_, j) => <th scope="col" key={j}>#{j + 1}</th>)}
              <th scope="col">rank</th><th scope="col">p</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.point} data-point={r.point} data-rank={r.finalRank}>
                <th scope="row">{r.label.replace('after ', '')}</th>
                {r.top.map((c, j) => (
                  <td key={j} className={c.final ? 'll-final' : undefined}>
                    <span className="ll-fill" style={{ opacity: c.opacity }} aria-hidden="true" />
                    <span className="ll-tok"><code>{c.text}</code> {c.p.toFixed(2)}</span>
                  </td>
                ))}
                <td>{r.finalRank}</td>
                <td>{r.finalP.toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

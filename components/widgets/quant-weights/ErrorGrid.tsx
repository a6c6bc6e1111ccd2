'use client';
/** Relative error ‖w − ŵ‖/‖w‖ of every quantized matrix, layers × matrices; each cell is a button that selects it. */
import type { QuantSummary } from '@/lib/quant/summary';
import { MATRIX_CHOICES } from './index';
import { errorShade, pctErr } from './layout';

interface Props {
  q: QuantSummary;
  layer: number;
  matrix: string;
  onPick: (layer: number, matrix: (typeof MATRIX_CHOICES)[number]) => void;
  disabled: boolean;
}

export function ErrorGrid({ q, layer, matrix, onPick, disabled }: Props) {
  const layers = [...new Set(q.tensors.map((t) => t.layer))].sort((a, b) => a - b);
  const at = (l: number, m: string) => q.tensors.find((t) => t.layer === l && t.matrix === m);
  return (
    <>
    <p className="qw-small muted" aria-hidden="true">Relative error ‖w − ŵ‖ / ‖w‖ per layer and matrix (pick a cell to see its histogram)</p>
    <div className="qw-grid-wrap" tabIndex={0} role="region" aria-label="Error per layer and matrix">
      <table className="qw-errors">
        <caption className="sr-only">Relative error ‖w − ŵ‖ / ‖w‖ per layer and matrix (pick a cell to see its histogram)</caption>
        <thead>
          <tr><th scope="col">layer</th>{MATRIX_CHOICES.map((m) => <th key={m} scope="col">{m.split('.')[1]}</th>)}</tr>
        </thead>
        <tbody>
          {layers.map((l) => (
            <tr key={l}>
              <th scope="row">{l}</th>
              {MATRIX_CHOICES.map((m) => {
                const t = at(l, m);
                if (!t) return <td key={m}>–</td>;
                const on = l === layer && m === matrix;
                return (
                  <td key={m} style={{ ['--shade' as string]: String(errorShade(t.rel)) }} className={on ? 'qw-on' : undefined}>
                    <button type="button" aria-pressed={on} disabled={disabled} data-rel={t.rel.toExponential(3)}
                      aria-label={`layer ${l} ${m}: ${pctErr(t.rel)}`} onClick={() => onPick(l, m)}>{pctErr(t.rel)}</button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    </>
  );
}

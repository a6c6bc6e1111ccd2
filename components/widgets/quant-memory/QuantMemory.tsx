'use client';
/** Weight memory of well-known models per format (parameters × bits / 8), against a GPU budget. */
import { useId, useMemo } from 'react';
import { PAPER_BPW } from '@/lib/quant/memory';
import type { WidgetProps } from '../types';
import '../quant-weights/quant.css';
import { BUDGETS, type QuantMemoryState } from './index';
import { fmtGb, memoryTable } from './layout';

export default function QuantMemory({ state, setState, hidden, locked }: WidgetProps<QuantMemoryState>) {
  const id = useId();
  const budget = Number(state.budget);
  const rows = useMemo(() => memoryTable(budget), [budget]);
  return (
    <div className="qw">
      {!hidden.has('budget') && (
        <div className="controls qw-controls">
          <div className="control">
            <label htmlFor={`${id}-b`}>GPU memory</label>
            <select id={`${id}-b`} value={state.budget} disabled={locked.has('budget')} onChange={(e) => setState({ budget: e.target.value as QuantMemoryState['budget'] })}>
              {BUDGETS.map((b) => <option key={b} value={b}>{b} GB</option>)}
            </select>
          </div>
        </div>
      )}
      <p className="qw-small muted" aria-hidden="true">GB (10⁹ bytes) of weights alone; marked cells fit in {budget} GB. Activations, the KV cache and any optimizer state come on top.</p>
      <div className="qm-wrap" tabIndex={0} role="region" aria-label="Weight memory per model and format">
        <table className="qm-table" data-budget={budget}>
          <caption className="sr-only">GB (10⁹ bytes) of weights alone; marked cells fit in {budget} GB. Activations, the KV cache and any optimizer state come on top.</caption>
          <thead>
            <tr><th scope="col">model (parameters)</th>{Object.entries(PAPER_BPW).map(([f, b]) => <th key={f} scope="col">{f}<br /><span className="muted">{Number(b.toFixed(3))} bits</span></th>)}</tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name}>
                <th scope="row">{r.name} <span className="muted">({(r.params / 1e9).toFixed(2)} B)</span></th>
                {r.cells.map((c) => (
                  <td key={c.format} className={c.fits ? 'qm-fits' : undefined} data-gb={c.gb.toFixed(3)}>
                    {fmtGb(c.gb)}{c.fits && <span className="sr-only"> (fits)</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="qw-small muted">LLaMA counts come from the paper&apos;s shapes run through the lab&apos;s own weight list; Llama 2 70B is its nominal size.</p>
    </div>
  );
}

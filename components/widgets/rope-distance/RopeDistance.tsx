'use client';
/** mean_j cos(Δ·θ_j) (q = k = all ones) against the distance Δ, as trained and under a rule. */
import { useId, useMemo } from 'react';
import { LineChart } from '@/components/viz/LineChart';
import type { WidgetProps } from '../types';
import type { RopeDistanceState } from './index';
import { distanceView } from './layout';
import { RuleControls } from '../rope-spectrum/RuleControls';
import '../positions-extend/positions.css';

const STEP = 32;

export default function RopeDistance({ state, setState, hidden, locked }: WidgetProps<RopeDistanceState>) {
  const id = useId();
  const v = useMemo(() => distanceView(state.rule, state.factor, state.maxDistance), [state.rule, state.factor, state.maxDistance]);
  const marks = [{ x: 256, label: 'trained: 256' }, ...(state.rule !== 'none' && state.factor > 1 ? [{ x: 256 * state.factor, label: `256·s = ${256 * state.factor}` }] : [])];
  const rows = Array.from({ length: Math.floor(state.maxDistance / STEP) + 1 }, (_, i) => i * STEP);
  return (
    <div className="px">
      <RuleControls rule={state.rule} factor={state.factor} set={setState} hidden={hidden} locked={locked} />
      {!hidden.has('maxDistance') && (
        <div className="control">
          <label htmlFor={`${id}-d`}>Largest distance</label>
          <select id={`${id}-d`} value={state.maxDistance} disabled={locked.has('maxDistance')} onChange={(e) => setState({ maxDistance: Number(e.target.value) })}>
            {[...new Set([256, 1024, 2048, 4096, state.maxDistance])].sort((a, b) => a - b).map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </div>
      )}
      <LineChart series={v.series} xDomain={[0, state.maxDistance]} vlines={marks} xLabel="distance Δ = m − n" yLabel="q·k / |q||k|"
        height={260} yTickFormat={(x) => x.toFixed(1)}
        summary={`Normalised RoPE dot product against distance up to ${state.maxDistance}: 1 at distance 0, ${v.base[Math.min(256, state.maxDistance)].toFixed(2)} at 256 as trained${v.series.length > 1 ? `, ${v.scaled[Math.min(256, state.maxDistance)].toFixed(2)} with the rule` : ''}.`} />
      <details className="hint">
        <summary>Data table</summary>
        <div className="px-table-wrap" tabIndex={0} role="region" aria-label="q·k by distance">
          <table>
            <thead><tr><th scope="col">Δ</th><th scope="col">as trained</th>{v.series.length > 1 && <th scope="col">{v.series[1].label}</th>}</tr></thead>
            <tbody>{rows.map((d) => <tr key={d}><th scope="row">{d}</th><td>{v.base[d].toFixed(4)}</td>{v.series.length > 1 && <td>{v.scaled[d].toFixed(4)}</td>}</tr>)}</tbody>
          </table>
        </div>
      </details>
    </div>
  );
}

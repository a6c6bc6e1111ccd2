'use client';
/**
 * LayerNorm vs RMSNorm on a vector the student types, and GELU / SiLU / ReLU curves with their
 * values at a chosen point. Pure math in the page (lib/interp/norm-act.ts over lib/tensor's
 * kernels, the ones the model's eager path runs): no model, so no backend badge.
 */
import { useId, useMemo } from 'react';
import { LineChart } from '@/components/viz/LineChart';
import { activationCurves, gelu, parseVector, relu, silu } from '@/lib/interp/norm-act';
import type { WidgetProps } from '../types';
import { useCutText } from '../useCutText';
import type { NormActState } from './index';
import { curveSeries, EPS, MAX_DIMS, normRows } from './layout';
import '../logit-lens/lens.css';

const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3).replace('-', '−') : '—');
const CURVES = activationCurves(-4, 4, 80);

export default function NormActivations({ state, setState, hidden, locked }: WidgetProps<NormActState>) {
  const id = useId();
  const box = useCutText(120, (v) => setState({ v }));
  const parsed = useMemo(() => parseVector(state.v, MAX_DIMS), [state.v]);
  const n = normRows(parsed.values, EPS);
  const series = useMemo(() => curveSeries(CURVES), []);
  const at = state.at;
  return (
    <div className="ll" data-widget="norm-activations" data-dims={parsed.values.length}>
      {!hidden.has('v') && (
        <div className="control control-wide">
          <label htmlFor={`${id}-v`}>Vector x (up to {MAX_DIMS} numbers)</label>
          <input id={`${id}-v`} type="text" value={state.v} readOnly={locked.has('v')} spellCheck={false}
            maxLength={box.maxLength} onPaste={box.onPaste} onChange={(e) => box.onChange(e.target.value)} />
          {box.note && <p className="url-notes" role="status">{box.note}</p>}
        </div>
      )}
      {parsed.dropped.length > 0 && (
        <p className="url-notes" role="status">Not used: {parsed.dropped.slice(0, 4).join(', ')}{parsed.dropped.length > 4 ? '…' : ''} (only finite numbers up to 10⁶ in size, at most {MAX_DIMS}).</p>
      )}
      <table className="ll-table" data-mean={n.mean} data-rms={n.rms}>
        <caption>mean μ = {f3(n.mean)}, σ = {f3(n.std)}, RMS = {f3(n.rms)}; gain 1, bias 0, ε = 10⁻⁵</caption>
        <thead><tr><th scope="col">i</th><th scope="col">x</th><th scope="col">LayerNorm</th><th scope="col">RMSNorm</th></tr></thead>
        <tbody>
          {n.rows.map((r) => (
            <tr key={r.i}><th scope="row">{r.i}</th><td>{f3(r.x)}</td><td>{f3(r.layer)}</td><td>{f3(r.rms)}</td></tr>
          ))}
        </tbody>
      </table>
      {!hidden.has('at') && (
        <div className="control">
          <label htmlFor={`${id}-at`}>Read the activations at x = {at.toFixed(2)}</label>
          <input id={`${id}-at`} type="range" min={-4} max={4} step={0.05} value={at} disabled={locked.has('at')}
            onChange={(e) => setState({ at: Number(e.target.value) })} />
        </div>
      )}
      <p className="ll-summary" aria-live="polite" data-gelu={gelu(at).toFixed(6)} data-silu={silu(at).toFixed(6)}>
        GELU({at.toFixed(2)}) = {f3(gelu(at))}, SiLU({at.toFixed(2)}) = {f3(silu(at))}, ReLU({at.toFixed(2)}) = {f3(relu(at))}
      </p>
      <LineChart series={series} xLabel="x" yLabel="activation" xDomain={[-4, 4]} yDomain={[-1, 4]} vlines={[{ x: at, label: `x = ${at.toFixed(2)}` }]}
        summary="GELU, SiLU and ReLU from −4 to 4: all three are near 0 for very negative x and near x for large x; GELU and SiLU dip slightly below 0 for negative x." height={220} />
      <details className="hint">
        <summary>Data table</summary>
        <table className="ll-table">
          <thead><tr><th scope="col">x</th><th scope="col">GELU</th><th scope="col">SiLU</th><th scope="col">ReLU</th></tr></thead>
          <tbody>
            {[-3, -2, -1, -0.5, 0, 0.5, 1, 2, 3].map((x) => (
              <tr key={x}><th scope="row">{f3(x)}</th><td>{f3(gelu(x))}</td><td>{f3(silu(x))}</td><td>{f3(relu(x))}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

'use client';
/**
 * A sparse attention pattern drawn as its T×T mask, its density, and lm's validation loss read
 * through it (every layer and head) against full causal attention: eager TS model in a worker.
 */
import { useId, useMemo } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { density, describe, maskRows, type Pattern } from '@/lib/longctx/sparse-masks';
import { MASK_TOKENS } from '@/lib/longctx/mask-loss';
import type { WidgetProps } from '../types';
import { SPARSE_KINDS, type SparseMasksState } from './index';
import { hiddenPath, runsPath, signed } from './layout';
import { useLoss } from './useLoss';
import './sparse-masks.css';

const LABELS: Record<SparseMasksState['pattern'], string> = {
  window: 'Sliding window', 'dilated-window': 'Dilated window', strided: 'Strided (Sparse Transformer)', 'global-local': 'Global + local',
};
const PERIOD: Record<SparseMasksState['pattern'], string> = { window: 'Period (unused)', 'dilated-window': 'Dilation', strided: 'Stride', 'global-local': 'Global every' };
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export default function SparseMasks({ state, setState, hidden, locked }: WidgetProps<SparseMasksState>) {
  const id = useId();
  const p: Pattern = useMemo(() => ({ kind: state.pattern, size: state.size, period: state.pattern === 'window' ? 1 : state.period }), [state.pattern, state.size, state.period]);
  const rows = useMemo(() => maskRows(p, state.draw), [p, state.draw]);
  const dDraw = density(p, state.draw), dRun = density(p, MASK_TOKENS);
  const { view, run, cancel } = useLoss(p, state.windows);
  const r = view.result;
  const T = state.draw;
  const num = (name: 'size' | 'period' | 'draw' | 'windows', label: string, min: number, max: number) => !hidden.has(name) && (
    <div className="control">
      <label htmlFor={`${id}-${name}`}>{label} <output>{state[name]}</output></label>
      <input id={`${id}-${name}`} type="range" min={min} max={max} value={state[name]} disabled={locked.has(name) || (name === 'period' && state.pattern === 'window')} onChange={(e) => setState({ [name]: Number(e.target.value) })} />
    </div>
  );
  return (
    <div className="sm" data-phase={view.phase}>
      <div className="controls">
        {!hidden.has('pattern') && (
          <div className="control">
            <label htmlFor={`${id}-pattern`}>Pattern</label>
            <select id={`${id}-pattern`} value={state.pattern} disabled={locked.has('pattern')} onChange={(e) => setState({ pattern: e.target.value as SparseMasksState['pattern'] })}>
              {SPARSE_KINDS.map((k) => <option key={k} value={k}>{LABELS[k]}</option>)}
            </select>
          </div>
        )}
        {num('size', state.pattern === 'dilated-window' ? 'Keys' : 'Local keys', 1, 128)}
        {num('period', PERIOD[state.pattern], 1, 128)}
        {num('draw', 'Tokens drawn', 8, 256)}
        {num('windows', 'Held-out windows', 1, 4)}
      </div>
      <figure className="sm-figure">
        <figcaption>
          {describe(p)} — the first {T} tokens: row = query, column = key; filled = seen, faint = hidden by the pattern (the causal mask already hides the upper triangle).
          Keeps <strong data-density={dDraw.fraction.toFixed(4)}>{pct(dDraw.fraction)}</strong> of the causal pairs here, <strong>{pct(dRun.fraction)}</strong> at {MASK_TOKENS} tokens (at most {dRun.maxPerRow} keys per query).
        </figcaption>
        <svg className="sm-mask" viewBox={`0 0 ${T} ${T}`} role="img" aria-label={`Attention mask, ${T} by ${T}: ${dDraw.kept} of ${dDraw.causal} causal pairs visible`} shapeRendering="crispEdges">
          <rect x={0} y={0} width={T} height={T} className="sm-bg" />
          <path d={hiddenPath(rows)} className="sm-hidden" />
          <path d={runsPath(rows)} className="sm-seen" />
        </svg>
      </figure>
      <div className="sm-actions">
        {view.phase === 'running' ? (
          <button type="button" className="btn" onClick={cancel}>Cancel</button>
        ) : (
          <button type="button" className="btn btn-primary" onClick={run}>{r ? 'Measure again' : 'Measure loss on lm'}</button>
        )}
        <span className="muted sm-engine"><BackendBadge backend="ts-cpu" reason="Runs in a Web Worker on the lab's eager TypeScript model (lib/model), not ONNX Runtime" />{' '}Eager TypeScript model (lib/model) in a Web Worker, not ONNX Runtime: {state.windows} held-out window{state.windows > 1 ? 's' : ''} of {MASK_TOKENS} Austen tokens, full attention and the pattern.</span>
      </div>
      {view.progress && (
        <ProgressBar loaded={view.progress.done} total={view.progress.total} label={view.progress.phase === 'weights' ? 'Model weights (lm)' : 'Forward passes'} />
      )}
      {view.error && <p className="sm-error" role="alert">{view.error}</p>}
      <p role="status" aria-live="polite" className="sm-status">
        {view.phase === 'idle' && 'Press Measure: lm reads held-out text with every layer and head restricted to this pattern (a few seconds per window).'}
        {view.phase === 'running' && `Measuring ${describe(p)}…`}
        {view.phase === 'cancelled' && 'Cancelled.'}
        {r && view.phase === 'ready' && `${describe(r.pattern)}: loss ${r.loss.toFixed(4)} vs ${r.full.toFixed(4)} with full attention, Δ ${signed(r.loss - r.full)} nats/token (${(r.ms / 1000).toFixed(1)} s).`}
      </p>
      {r && (
        <dl className="sm-stats">
          <div><dt>Loss, full causal</dt><dd>{r.full.toFixed(4)}</dd></div>
          <div><dt>Loss, pattern</dt><dd data-loss={r.loss.toFixed(5)}>{r.loss.toFixed(4)}</dd></div>
          <div><dt>Δ (nats/token)</dt><dd data-delta={(r.loss - r.full).toFixed(5)}>{signed(r.loss - r.full)}</dd></div>
        </dl>
      )}
      <details className="hint">
        <summary>Data table</summary>
        <div className="sm-table-wrap" tabIndex={0} role="region" aria-label="Patterns measured and mask rows">
          <table>
            <caption className="muted">Patterns measured on this visit</caption>
            <thead><tr><th scope="col">Pattern</th><th scope="col">Kept at {MASK_TOKENS}</th><th scope="col">Δ loss</th></tr></thead>
            <tbody>
              {view.history.map((h) => (
                <tr key={JSON.stringify([h.pattern, h.windows])}><td>{describe(h.pattern)} ({h.windows} win.)</td><td>{pct(density(h.pattern, MASK_TOKENS).fraction)}</td><td>{signed(h.loss - h.full)}</td></tr>
              ))}
              {view.history.length === 0 && <tr><td colSpan={3}>None yet.</td></tr>}
            </tbody>
          </table>
          <p className="muted">Keys each query sees (first {Math.min(T, 32)} queries):</p>
          <ol start={0} className="sm-rows">
            {rows.slice(0, 32).map((row, i) => <li key={i}>{Array.from(row.slice(0, i + 1)).flatMap((c, j) => (c === '1' ? [j] : [])).join(', ')}</li>)}
          </ol>
        </div>
      </details>
    </div>
  );
}

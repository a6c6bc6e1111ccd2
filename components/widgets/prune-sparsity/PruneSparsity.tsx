'use client';
/**
 * Prune `lm` live (lib/prune in the model worker) and measure validation loss on held-out Austen
 * text: method + fraction → loss, KL, top-1 agreement, zeros, and bytes dense vs CSR; the loss
 * curve of every fraction measured so far, with its data table.
 */
import { useId, useMemo } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { useWidth } from '@/components/ui/useWidth';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import { PRUNE_METHODS, type PruneMethod } from '@/lib/prune/model';
import type { WidgetProps } from '../types';
import '../quant-weights/quant.css';
import type { PruneSparsityState } from './index';
import { kb, layoutCurve, METHOD_LABEL, snap, UNIT } from './layout';
import { keyOf, usePrune, type PointResult, type PruneView } from './usePrune';
import { BackendSelect } from '@/components/ui/BackendSelect';

function status(v: PruneView): string {
  switch (v.phase) {
    case 'idle': return 'Press Evaluate: lm downloads once (about 4 MB), then each pruned copy is built from it in your browser.';
    case 'loading': return v.progress?.phase === 'build' ? 'Pruning lm in the model worker…' : 'Loading…';
    case 'slice': return `Scoring held-out Austen text: window ${v.done} of ${v.total || 8}…`;
    case 'done': return 'Done. Move the slider or change the method to measure another point.';
    case 'cancelled': return 'Stopped. Press Evaluate to run again.';
    case 'error': return 'Something went wrong (see above).';
  }
}

function Curve({ method, results, fraction }: { method: PruneMethod; results: Record<string, PointResult>; fraction: number }) {
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const pts = useMemo(() => Object.entries(results).filter(([k]) => k.startsWith(`${method}:`))
    .map(([, r]) => ({ fraction: r.summary.fraction, loss: r.slice.lossB, r })).sort((a, b) => a.fraction - b.fraction), [results, method]);
  const base = pts.length ? pts[0].r.slice.lossA : 0;
  const v = layoutCurve(pts, base, Math.max(260, Math.min(560, width)));
  if (!pts.length) return <div ref={ref} />;
  return (
    <figure className="qw-figure" ref={ref}>
      <figcaption>Validation loss (nats/token) against the fraction of {UNIT[method]} removed — {METHOD_LABEL[method]}; dashed: lm unpruned</figcaption>
      <svg width={v.width} height={v.height} role="img" aria-label={`Loss against fraction removed: ${pts.map((p) => `${Math.round(100 * p.fraction)}% → ${p.loss.toFixed(3)}`).join(', ')}`}>
        {v.yTicks.map((t) => <g key={t}><line className="qw-axis" x1={v.pad.l} x2={v.width - v.pad.r} y1={v.y(t)} y2={v.y(t)} /><text className="qw-tick" x={v.pad.l - 4} y={v.y(t)} dy="0.35em" textAnchor="end">{t}</text></g>)}
        {[0, 0.3, 0.6, 0.9].map((f) => <text key={f} className="qw-tick" x={v.x(f)} y={v.height - 8} textAnchor="middle">{Math.round(100 * f)}%</text>)}
        <line className="qw-grid" strokeDasharray="4 3" x1={v.pad.l} x2={v.width - v.pad.r} y1={v.y(base)} y2={v.y(base)} />
        <path d={v.path} fill="none" stroke="var(--accent)" strokeWidth={2} />
        {v.dots.map((d) => <circle key={d.fraction} cx={d.x} cy={d.y} r={Math.abs(d.fraction - fraction) < 1e-9 ? 6 : 3.5} fill="var(--accent)" data-fraction={d.fraction} data-loss={d.loss.toFixed(5)} />)}
      </svg>
      <details className="qw-details">
        <summary>Data table</summary>
        <table className="qw-table">
          <thead><tr><th scope="col">removed</th><th scope="col">zeros</th><th scope="col">loss</th><th scope="col">top-1 same</th></tr></thead>
          <tbody>{pts.map((p) => <tr key={p.fraction}><td>{Math.round(100 * p.fraction)}%</td><td>{(100 * p.r.summary.sparsity).toFixed(1)}%</td><td>{p.loss.toFixed(4)}</td><td>{(100 * p.r.slice.agree).toFixed(1)}%</td></tr>)}</tbody>
        </table>
      </details>
    </figure>
  );
}

export function PruneSparsityPanel({ state, setState, hidden, locked, deps }: WidgetProps<PruneSparsityState> & { deps: Deps }) {
  const id = useId();
  const f = snap(state.sparsity);
  const { view: v, start, sweep, cancel, started } = usePrune(deps, state.method, f, state.backend);
  const busy = v.phase === 'loading' || v.phase === 'slice';
  const cur = v.results[keyOf(state.method, f)];
  const show = (k: string) => !hidden.has(k);
  return (
    <div className="qw ps" data-phase={v.phase}>
      <div className="controls qw-controls">
        {show('method') && (
          <div className="control"><label htmlFor={`${id}-m`}>Method</label>
            <select id={`${id}-m`} value={state.method} disabled={locked.has('method')} onChange={(e) => setState({ method: e.target.value as PruneMethod })}>
              {PRUNE_METHODS.map((m) => <option key={m} value={m}>{METHOD_LABEL[m]}</option>)}
            </select></div>
        )}
        {show('sparsity') && (
          <div className="control qw-clip">
            <label htmlFor={`${id}-s`}>Remove <output>{Math.round(100 * f)}% of the {UNIT[state.method]}</output></label>
            <input id={`${id}-s`} type="range" min={0} max={0.9} step={0.1} value={f} disabled={locked.has('sparsity')} onChange={(e) => setState({ sparsity: snap(Number(e.target.value)) })} />
          </div>
        )}
        {show('backend') && (
          <BackendSelect id={`${id}-b`} value={state.backend} disabled={locked.has('backend')} onChange={(backend) => setState({ backend })} label="Engine" wasmText="WASM (CPU)" />
        )}
      </div>
      <div className="qw-actions">
        {!started || v.phase === 'cancelled' || v.phase === 'error' ? <button type="button" className="btn btn-primary" onClick={start}>Evaluate</button> : null}
        {!busy && <button type="button" className="btn" onClick={sweep}>Measure every fraction (0–90%)</button>}
        {busy && <button type="button" className="btn" onClick={cancel}>Cancel</button>}
        {v.choice && <>pruned copy runs on <BackendBadge backend={v.choice.backend} reason={v.choice.reason} /></>}
      </div>
      {v.error && <p className="qw-error" role="alert">{v.error}</p>}
      {v.phase === 'loading' && v.progress?.phase === 'download' && <ProgressBar loaded={v.progress.loaded} total={v.progress.total ?? 0} label="Model weights (lm)" />}
      {v.phase === 'slice' && <label className="qw-small">Held-out windows scored: {v.done} of {v.total || 8} <progress max={v.total || 8} value={v.done} /></label>}
      <p role="status" aria-live="polite" className="qw-status">{status(v)}</p>
      {cur && (
        <div className="qm-wrap" tabIndex={0} role="region" aria-label="This pruned copy">
          <table className="qm-table" data-loss-orig={cur.slice.lossA.toFixed(5)} data-loss-pruned={cur.slice.lossB.toFixed(5)}>
            <caption>{Math.round(100 * f)}% of the {UNIT[state.method]} removed ({cur.summary.units.toLocaleString('en-US')} of {cur.summary.unitsTotal.toLocaleString('en-US')}); {cur.slice.tokens} held-out tokens</caption>
            <tbody>
              <tr><th scope="row">loss, lm</th><td>{cur.slice.lossA.toFixed(4)}</td></tr>
              <tr><th scope="row">loss, pruned</th><td>{cur.slice.lossB.toFixed(4)}</td></tr>
              <tr><th scope="row">KL(lm ‖ pruned)</th><td>{cur.slice.kl.toFixed(4)}</td></tr>
              <tr><th scope="row">same top-1 token</th><td>{(100 * cur.slice.agree).toFixed(1)}%</td></tr>
              <tr><th scope="row">zero weights</th><td>{(100 * cur.summary.sparsity).toFixed(1)}%</td></tr>
              <tr><th scope="row">dense fp16</th><td>{kb(cur.summary.dense)}</td></tr>
              <tr><th scope="row">CSR (fp16 + int32)</th><td>{kb(cur.summary.csr)}</td></tr>
            </tbody>
          </table>
          <p className="qw-small">Bytes count the attention and MLP matrices only. Dense storage is the same at every sparsity: the zeros are stored and multiplied like any other weight.</p>
        </div>
      )}
      <Curve method={state.method} results={v.results} fraction={f} />
    </div>
  );
}

export default function PruneSparsity(props: WidgetProps<PruneSparsityState>) {
  return <PruneSparsityPanel {...props} deps={defaultDeps} />;
}

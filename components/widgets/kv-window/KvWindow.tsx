'use client';
/**
 * Bounded KV cache, measured: lm with a sliding-window mask of `size` keys, with and without the
 * first `sinks` tokens kept, against full attention; loss per position on the first 256 tokens
 * of the 4 held-out Austen windows, computed in the model worker.
 */
import { useId, useMemo } from 'react';
import { LineChart } from '@/components/viz/LineChart';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import { SLICE_TOKENS, visibleKeys, WINDOW_SIZES } from '@/lib/longctx/bounded-cache';
import { cacheTotal } from '@/lib/longctx/kv-growth';
import { formatBytes } from '@/lib/longctx/kv-memory';
import type { TransformerConfig } from '@/lib/model/config';
import { BackendSelect } from '@/components/ui/BackendSelect';
import type { WidgetProps } from '../types';
import type { KvWindowState } from './index';
import { bucketTable, BUCKET, chartSeries, LATE_LABEL, signed, summaryRows } from './layout';
import { useBounded, type BoundedView } from './useBounded';
import { RunActions } from '../positions-extend/RunActions';
import '../positions-extend/positions.css';

// lm's shape for the cache-size line (models/lm/config.json); only nLayer, nKvHead, dModel, nHead are read
const LM_SHAPE = { nLayer: 8, nKvHead: 2, dModel: 128, nHead: 4 } as TransformerConfig;

function statusText(v: BoundedView): string {
  switch (v.phase) {
    case 'idle': return 'Press Run: lm (about 4 MB) downloads once, then every curve is computed in your browser.';
    case 'loading': return v.download?.phase === 'verify' ? 'Checking the model file (sha256)…' : 'Loading lm…';
    case 'running': return `Running lm — ${v.done} of ${v.total} forward passes`;
    case 'ready': return 'Done: every number below was measured just now in this browser.';
    case 'cancelled': return 'Cancelled. What was computed so far is shown; press Run to finish.';
    case 'error': return 'Something went wrong (see above).';
  }
}

export function KvWindowPanel({ state, setState, hidden, locked, deps }: WidgetProps<KvWindowState> & { deps: Deps }) {
  const id = useId();
  const { view, plan, curves, start, cancel } = useBounded(deps, state);
  const series = useMemo(() => chartSeries(plan, curves), [plan, curves]);
  const rows = summaryRows(plan, curves);
  const table = bucketTable(plan, curves);
  const busy = view.phase === 'loading' || view.phase === 'running';
  const kept = visibleKeys(SLICE_TOKENS - 1, state.size, state.sinks);
  const sizes = WINDOW_SIZES.includes(state.size as (typeof WINDOW_SIZES)[number]) ? [...WINDOW_SIZES] : [...WINDOW_SIZES, state.size].sort((a, b) => a - b);
  const summary = `Loss per position over ${SLICE_TOKENS} tokens: ` + rows.map((r) => `${r.label} ${r.whole.toFixed(3)}`).join('; ') + '.';
  return (
    <div className="px" data-phase={view.phase}>
      <div className="controls px-controls">
        {!hidden.has('size') && (
          <div className="control">
            <label htmlFor={`${id}-w`}>Window (keys kept)</label>
            <select id={`${id}-w`} value={state.size} disabled={locked.has('size')} onChange={(e) => setState({ size: Number(e.target.value) })}>
              {sizes.map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </div>
        )}
        {!hidden.has('sinks') && (
          <div className="control">
            <label htmlFor={`${id}-s`}>Sinks (first tokens kept)</label>
            <select id={`${id}-s`} value={state.sinks} disabled={locked.has('sinks')} onChange={(e) => setState({ sinks: Number(e.target.value) })}>
              {[...new Set([0, 1, 2, 4, 8, 16, state.sinks])].sort((a, b) => a - b).map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </div>
        )}
        {!hidden.has('backend') && (
          <BackendSelect id={`${id}-e`} value={state.backend} disabled={locked.has('backend')} onChange={(backend) => setState({ backend })} label="Engine" wasmText="WASM (CPU)" />
        )}
      </div>
      <p className="px-small muted">
        Cache kept for the last query: {kept} of {SLICE_TOKENS} tokens = {formatBytes(cacheTotal(LM_SHAPE, kept).fp32)} in fp32
        (full: {formatBytes(cacheTotal(LM_SHAPE, SLICE_TOKENS).fp32)}).
      </p>
      <RunActions view={view} busy={busy} start={start} cancel={cancel} weights="Model weights (lm)" />
      <p role="status" aria-live="polite" className="px-status">{statusText(view)}</p>
      {view.phase === 'running' && <progress className="px-progress" max={view.total} value={view.done} aria-label="Forward passes done" />}
      {series.length > 0 && (
        <figure className="px-figure">
          <LineChart series={series} xDomain={[0, SLICE_TOKENS - 2]} vlines={state.size < SLICE_TOKENS - 1 ? [{ x: state.size, label: `window ${state.size} starts cutting` }] : []}
            xLabel="position in the window" yLabel="loss (nats)" summary={summary} height={280} yTickFormat={(v) => v.toFixed(1)} />
          <figcaption className="px-small muted">
            Text: the first {SLICE_TOKENS} tokens of 4 held-out Austen windows (never trained on). Loss = −ln p(next token), mean over
            the windows and each run of {BUCKET} positions. Dashed: full attention.
          </figcaption>
        </figure>
      )}
      {rows.length > 0 && (
        <div className="px-table-wrap" tabIndex={0} role="region" aria-label="Mean loss per series">
          <table data-testid="kv-window-summary">
            <thead><tr><th scope="col">Cache</th><th scope="col">Loss</th><th scope="col">Δ</th><th scope="col">{LATE_LABEL}</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-series={r.id}><th scope="row">{r.label}</th><td>{r.whole.toFixed(3)}</td><td>{r.id === 'full' ? '' : signed(r.dWhole)}</td><td>{r.late.toFixed(3)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {view.ran && <p className="px-small muted" data-ran={view.ran}>Ran on {view.ran === 'webgpu' ? 'WebGPU' : 'WASM'}.</p>}
      {table.rows.length > 0 && (
        <details className="hint px-data">
          <summary>Data table</summary>
          <div className="px-table-wrap" tabIndex={0} role="region" aria-label="Loss per bucket of positions">
            <table>
              <thead><tr>{table.head.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
              <tbody>{table.rows.map((r) => <tr key={r[0]}>{r.map((c, i) => (i === 0 ? <th key={i} scope="row">{c}</th> : <td key={i}>{c}</td>))}</tr>)}</tbody>
            </table>
          </div>
        </details>
      )}
    </div>
  );
}

export default function KvWindow(props: WidgetProps<KvWindowState>) {
  return <KvWindowPanel {...props} deps={defaultDeps} />;
}

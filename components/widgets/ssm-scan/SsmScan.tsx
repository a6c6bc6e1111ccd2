'use client';
/**
 * lm-ssm live (model worker, WebGPU or WASM): the parallel form over the whole text (Δ taps) and
 * the recurrent form one token at a time (state after each token), the largest difference between
 * their next-token scores, and how long each took.
 */
import { useEffect, useRef } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import { showToken } from '@/components/viz/show-token';
import type { WidgetProps } from '../types';
import type { SsmScanState } from './index';
import { rows } from './layout';
import { ValueGrid } from './ValueGrid';
import { useScan } from './useScan';
import '../moe-router/moe-router.css';
import { BackendSelect } from '@/components/ui/BackendSelect';

export function SsmScanPanel({ state, setState, hidden, locked, deps }: WidgetProps<SsmScanState> & { deps: Deps }) {
  const { view, load } = useScan(deps, state.text, state.backend);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.backend]);
  const L = state.layer;
  const T = view.labels.length;
  const dt = view.dt[L] ? rows(view.dt[L], view.H) : null;
  const norms = view.norms[L]?.length === T ? view.norms[L] : null;
  const busy = view.phase === 'parallel' || view.phase === 'recurrent';
  return (
    <div className="mr" data-phase={view.phase}>
      <div className="controls">
        {!hidden.has('text') && (
          <div className="control control-wide">
            <label htmlFor="ss-text">Text</label>
            <textarea id="ss-text" rows={2} value={state.text} readOnly={locked.has('text')} onChange={(e) => setState({ text: e.target.value })} />
          </div>
        )}
        {!hidden.has('layer') && (
          <div className="control">
            <label htmlFor="ss-layer">Layer <output>{L}</output></label>
            <input id="ss-layer" type="range" min={0} max={7} value={L} disabled={locked.has('layer')} onChange={(e) => setState({ layer: Number(e.target.value) })} />
          </div>
        )}
        {!hidden.has('backend') && (
          <BackendSelect id="ss-backend" value={state.backend} disabled={locked.has('backend')} onChange={(backend) => setState({ backend })} />
        )}
      </div>
      <div className="mr-actions">
        {(view.phase === 'idle' || view.phase === 'error') && (
          <button type="button" className="btn btn-primary" onClick={() => { started.current = true; void load(); }}>Load lm-ssm</button>
        )}
        {view.backend && <BackendBadge backend={view.backend} reason={view.reason} />}
      </div>
      {view.error && <p className="mr-error" role="alert">{view.error}</p>}
      {view.fallback && <p className="url-notes mr-fallback">{view.fallback}</p>}
      {view.note && <p className="url-notes">{view.note}</p>}
      {view.phase === 'loading' && view.progress?.phase === 'download' && (
        <ProgressBar loaded={view.progress.loaded} total={view.progress.total ?? 0} label="Model weights (lm-ssm)" />
      )}
      {view.phase === 'recurrent' && <ProgressBar loaded={view.step} total={T} label="Recurrent form, token by token" />}
      <p role="status" aria-live="polite" className="mr-status">
        {view.phase === 'idle' && 'lm-ssm (about 4 MB) downloads when you press Load.'}
        {view.phase === 'loading' && 'Loading lm-ssm…'}
        {view.phase === 'parallel' && 'Parallel form: the whole text in one call…'}
        {view.phase === 'recurrent' && `Recurrent form: token ${view.step} of ${T}…`}
        {view.phase === 'ready' && T > 0 && `Read ${T} tokens in both forms.`}
      </p>
      {view.phase === 'ready' && view.maxDiff !== null && (
        <dl className="mc-stats">
          <div><dt>Largest |parallel − recurrent| over all {T}×4096 logits</dt><dd data-max-diff={view.maxDiff.toExponential(3)}>{view.maxDiff.toExponential(2)}</dd></div>
          <div><dt>Largest |logit|, for scale</dt><dd>{view.maxLogit?.toFixed(2)}</dd></div>
          <div><dt>Parallel: one call (the first one also builds the graph)</dt><dd>{view.parallelMs?.toFixed(0)} ms</dd></div>
          <div><dt>Recurrent: {T} calls</dt><dd>{view.recurrentMs?.toFixed(0)} ms ({((view.recurrentMs ?? 0) / T).toFixed(1)} ms per token)</dd></div>
        </dl>
      )}
      {dt && !busy && (
        <div className="mr-panels ss-panels">
          <ValueGrid kind="dt" rows={dt} labels={view.labels} caption={`Layer ${L}: step size Δ of each of the ${view.H} heads per token (parallel form). A large Δ lets the token in and forgets more of the past; a small one keeps the state.`} />
          {norms && (
            <ValueGrid kind="state" rows={norms} labels={view.labels} caption={`Layer ${L}: size of each head's hidden state ‖h‖ after the token (recurrent form). Each head carries a 32×16 matrix, whatever the length of the text.`} />
          )}
        </div>
      )}
      {dt && norms && !busy && (
        <details className="hint">
          <summary>Data table</summary>
          <div className="mr-table-wrap" tabIndex={0} role="region" aria-label={`Δ and state size per head, layer ${L}`}>
            <table>
              <thead><tr><th scope="col">Token</th>{Array.from({ length: view.H }, (_, h) => <th scope="col" key={h}>Δ h{h} / ‖h‖</th>)}</tr></thead>
              <tbody>
                {dt.map((r, t) => (
                  <tr key={t}><th scope="row">{t} {showToken(view.labels[t])}</th>{r.map((v, h) => <td key={h}>{v.toFixed(4)} / {norms[t][h].toFixed(3)}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </div>
  );
}

export default function SsmScan(props: WidgetProps<SsmScanState>) {
  return <SsmScanPanel {...props} deps={defaultDeps} />;
}

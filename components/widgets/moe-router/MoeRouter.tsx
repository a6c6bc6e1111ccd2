'use client';
/**
 * The student's text routed live through lm-moe (model worker, WebGPU or WASM): the 'taps' graph
 * gives every layer's router probabilities and top-k choice; the page draws one layer's grid,
 * the chosen token's route through all layers, and the load per expert.
 */
import { useEffect, useRef } from 'react';
import { showToken } from '@/components/viz/show-token';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import { loadBalancingLoss } from '@/lib/model/moe';
import type { WidgetProps } from '../types';
import type { MoeRouterState } from './index';
import { cells, loadShares } from './layout';
import { HeatGrid, LoadBars } from './Grid';
import { useRouting } from './useRouting';
import './moe-router.css';
import { BackendSelect } from '@/components/ui/BackendSelect';

export function MoeRouterPanel({ state, setState, hidden, locked, deps }: WidgetProps<MoeRouterState> & { deps: Deps }) {
  const { view, load } = useRouting(deps, state.text, state.backend);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) void load();
    // a backend change after loading reloads on the new backend
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.backend]);
  const T = view.ids.length;
  const layer = Math.min(state.layer, Math.max(0, view.layers.length - 1));
  const tok = Math.min(state.token, Math.max(0, T - 1));
  const grid = view.layers[layer] ? cells(view.layers[layer], view.E) : null;
  const across = view.layers.map((lt) => cells(lt, view.E)[tok]).filter(Boolean);
  const shares = view.layers[layer] ? loadShares(view.layers[layer], view.E) : null;
  const balance = view.layers[layer]
    ? loadBalancingLoss({ data: view.layers[layer].probs, shape: [1, T, view.E] }, { data: view.layers[layer].chosen, shape: [1, T, view.E] }, view.k)
    : 0;
  return (
    <div className="mr" data-phase={view.phase}>
      <div className="controls">
        {!hidden.has('text') && (
          <div className="control control-wide">
            <label htmlFor="mr-text">Text</label>
            <textarea id="mr-text" rows={2} value={state.text} readOnly={locked.has('text')} onChange={(e) => setState({ text: e.target.value })} />
          </div>
        )}
        {!hidden.has('layer') && (
          <div className="control">
            <label htmlFor="mr-layer">Layer <output>{layer}</output></label>
            <input id="mr-layer" type="range" min={0} max={7} value={state.layer} disabled={locked.has('layer')} onChange={(e) => setState({ layer: Number(e.target.value) })} />
          </div>
        )}
        {!hidden.has('token') && (
          <div className="control">
            <label htmlFor="mr-token">Token <output>{tok}</output></label>
            <input id="mr-token" type="range" min={0} max={Math.max(0, T - 1)} value={tok} disabled={locked.has('token') || T === 0} onChange={(e) => setState({ token: Number(e.target.value) })} />
          </div>
        )}
        {!hidden.has('backend') && (
          <BackendSelect id="mr-backend" value={state.backend} disabled={locked.has('backend')} onChange={(backend) => setState({ backend })} />
        )}
      </div>
      <div className="mr-actions">
        {(view.phase === 'idle' || view.phase === 'error') && (
          <button type="button" className="btn btn-primary" onClick={() => { started.current = true; void load(); }}>Load lm-moe</button>
        )}
        {view.backend && <BackendBadge backend={view.backend} reason={view.reason} />}
      </div>
      {view.error && <p className="mr-error" role="alert">{view.error}</p>}
      {view.fallback && <p className="url-notes mr-fallback">{view.fallback}</p>}
      {view.note && <p className="url-notes">{view.note}</p>}
      {view.phase === 'loading' && view.progress?.phase === 'download' && (
        <ProgressBar loaded={view.progress.loaded} total={view.progress.total ?? 0} label="Model weights (lm-moe)" />
      )}
      <p role="status" aria-live="polite" className="mr-status">
        {view.phase === 'idle' && 'lm-moe (about 4 MB) downloads when you press Load.'}
        {view.phase === 'loading' && 'Loading lm-moe…'}
        {view.phase === 'running' && 'Routing your text…'}
        {view.phase === 'ready' && T > 0 && `Routed ${T} tokens through ${view.layers.length} layers of ${view.E} experts (top-${view.k})${view.ms !== null ? ` in ${Math.round(view.ms)} ms` : ''}.`}
      </p>
      {grid && shares && (
        <div className="mr-panels">
          <HeatGrid
            rows={grid}
            labels={view.labels}
            E={view.E}
            selected={tok}
            onSelect={(i) => setState({ token: i })}
            rowHeader="Token"
            caption={`Layer ${layer}: router probability of each expert per token; the top-${view.k} it picks are outlined and numbered (#1 = larger gate). Press a token to follow it through every layer.`}
          />
          <div className="mr-side">
            <HeatGrid
              rows={across}
              labels={across.map((_, l) => `Layer ${l}`)}
              E={view.E}
              selected={layer}
              rowHeader={`“${showToken(view.labels[tok] ?? '')}”`}
              caption={`Token ${tok} in every layer: each layer has its own router, so the same token can go to different experts.`}
            />
            <LoadBars counts={shares.counts} shares={shares.shares} k={view.k} balance={balance} />
          </div>
        </div>
      )}
      {grid && <DataTable view={view} />}
    </div>
  );
}

function DataTable({ view }: { view: ReturnType<typeof useRouting>['view'] }) {
  return (
    <details className="hint">
      <summary>Data table</summary>
      <div className="mr-table-wrap" tabIndex={0} role="region" aria-label="Router probabilities of every layer">
        <table>
          <thead>
            <tr><th scope="col">Layer</th><th scope="col">Token</th>{Array.from({ length: view.E }, (_, e) => <th scope="col" key={e}>p(expert {e})</th>)}<th scope="col">Chosen</th></tr>
          </thead>
          <tbody>
            {view.layers.flatMap((lt, l) => cells(lt, view.E).map((r, t) => (
              <tr key={`${l}-${t}`}>
                <th scope="row">{l}</th>
                <td>{t} {showToken(view.labels[t] ?? '')}</td>
                {r.map((c, e) => <td key={e}>{c.p.toFixed(3)}</td>)}
                <td>{r.map((c, e) => (c.chosen ? e : null)).filter((e) => e !== null).join(', ')}</td>
              </tr>
            )))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

export default function MoeRouter(props: WidgetProps<MoeRouterState>) {
  return <MoeRouterPanel {...props} deps={defaultDeps} />;
}

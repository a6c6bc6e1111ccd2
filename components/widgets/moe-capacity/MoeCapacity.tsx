'use client';
/**
 * lm-moe with another top-k or capacity factor, no retraining: the held-out slice (512 tokens of
 * Austen the model never trained on) runs through the eager TS model in a Web Worker; the page
 * shows loss, dropped slots, load and the tokens each expert of one layer takes most often.
 */
import { useEffect, useState } from 'react';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { sharedTokenizer, type TokenizerLike } from '@/components/lesson/live-model';
import { showToken } from '@/components/viz/show-token';
import { moeModelCost, withSetting } from '@/lib/interp/moe-eval';
import type { WidgetProps } from '../types';
import { CAPACITIES, type MoeCapacityState } from './index';
import { HELD_OUT_TOKENS } from './held-out';
import { useEval } from './useEval';
import '../moe-router/moe-router.css';

const cf = (c: MoeCapacityState['capacity']): number | null => (c === 'none' ? null : Number(c));
const pct = (x: number, d = 1) => `${(x * 100).toFixed(d)}%`;
const fmt = (n: number) => n.toLocaleString('en');

export default function MoeCapacity({ state, setState, hidden, locked }: WidgetProps<MoeCapacityState>) {
  const { view, run, cancel } = useEval(state.k, cf(state.capacity));
  const [tok, setTok] = useState<TokenizerLike | null>(null);
  useEffect(() => {
    if (view.result && !tok) sharedTokenizer().then(setTok, () => {});
  }, [view.result, tok]);
  const r = view.result;
  const L = state.layer;
  const cost = r ? moeModelCost(withSetting(r.cfg, { k: r.k, capacityFactor: r.capacityFactor })) : null;
  const meanDropped = r ? r.summary.dropped.reduce((a, b) => a + b, 0) / r.summary.dropped.length : 0;
  const text = (id: number) => showToken(tok?.tokenText(id) ?? `#${id}`);
  return (
    <div className="mr" data-phase={view.phase}>
      <div className="controls">
        {!hidden.has('k') && (
          <div className="control">
            <label htmlFor="mc-k">Experts per token k <output>{state.k}</output></label>
            <input id="mc-k" type="range" min={1} max={4} value={state.k} disabled={locked.has('k')} onChange={(e) => setState({ k: Number(e.target.value) })} />
          </div>
        )}
        {!hidden.has('capacity') && (
          <div className="control">
            <label htmlFor="mc-cap">Capacity factor</label>
            <select id="mc-cap" value={state.capacity} disabled={locked.has('capacity')} onChange={(e) => setState({ capacity: e.target.value as MoeCapacityState['capacity'] })}>
              {CAPACITIES.map((c) => <option key={c} value={c}>{c === 'none' ? 'none (as trained)' : c}</option>)}
            </select>
          </div>
        )}
        {!hidden.has('layer') && (
          <div className="control">
            <label htmlFor="mc-layer">Layer <output>{L}</output></label>
            <input id="mc-layer" type="range" min={0} max={7} value={L} disabled={locked.has('layer')} onChange={(e) => setState({ layer: Number(e.target.value) })} />
          </div>
        )}
      </div>
      <div className="mr-actions">
        {view.phase === 'running' ? (
          <button type="button" className="btn" onClick={cancel}>Cancel</button>
        ) : (
          <button type="button" className="btn btn-primary" onClick={run}>{r ? 'Run again' : 'Run on held-out text'}</button>
        )}
        <span className="muted mc-engine">Runs the eager TypeScript model (lib/model) in a Web Worker, not ONNX Runtime: ONNX graphs are built for the trained k.</span>
      </div>
      {view.progress && (
        <ProgressBar
          loaded={view.progress.done}
          total={view.progress.total}
          label={view.progress.phase === 'weights' ? 'Model weights (lm-moe)' : `Windows of ${r?.cfg.contextLength ?? 256} tokens`}
        />
      )}
      {view.error && <p className="mr-error" role="alert">{view.error}</p>}
      <p role="status" aria-live="polite" className="mr-status">
        {view.phase === 'idle' && `Press Run: ${HELD_OUT_TOKENS.length} tokens of held-out Austen text go through lm-moe (a few seconds).`}
        {view.phase === 'running' && `Running k = ${state.k}, capacity ${state.capacity}…`}
        {view.phase === 'cancelled' && 'Cancelled.'}
        {r && view.phase === 'ready' && `k = ${r.k}, capacity ${r.capacityFactor ?? 'none'}: ${r.summary.predicted} predicted tokens in ${(r.ms / 1000).toFixed(1)} s.`}
      </p>
      {r && cost && (
        <>
          <dl className="nt-stats mc-stats">
            <div><dt>Validation loss</dt><dd data-loss={r.summary.loss.toFixed(5)}>{r.summary.loss.toFixed(4)} nats/token</dd></div>
            <div><dt>Dropped slots (mean over layers)</dt><dd data-dropped={meanDropped.toFixed(5)}>{pct(meanDropped)}</dd></div>
            <div><dt>Active parameters</dt><dd>{fmt(cost.active)} of {fmt(cost.total)}</dd></div>
            <div><dt>Expert FLOPs per token: every expert / only top-{r.k}</dt><dd>{fmt(cost.flopsDenseMix)} / {fmt(cost.flopsSparse)}</dd></div>
          </dl>
          <History rows={view.history} />
          <figure className="mr-figure">
            <figcaption>
              Layer {L}: the tokens each expert takes most often relative to its average (lift = P(expert chosen | token) ÷ P(expert chosen), tokens seen at least 3 times in the slice).
              Load: {r.summary.load[L].map((n, e) => `expert ${e} ${n}`).join(', ')} slots; dropped {pct(r.summary.dropped[L])}.
            </figcaption>
            <div className="mr-table-wrap" tabIndex={0} role="region" aria-label={`Tokens with the highest lift per expert, layer ${L}`}>
              <table className="mc-lift">
                <thead><tr><th scope="col">Expert</th><th scope="col">Tokens with the highest lift (lift, count)</th></tr></thead>
                <tbody>
                  {r.lift[L].map((rows, e) => (
                    <tr key={e}>
                      <th scope="row">{e}</th>
                      <td>{rows.map((x) => <span className="mc-chip" key={x.id}><code>{text(x.id)}</code> {x.lift.toFixed(2)}× ({x.n})</span>)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </figure>
          <details className="hint">
            <summary>Data table</summary>
            <div className="mr-table-wrap" tabIndex={0} role="region" aria-label="Per layer dropped share, load and balance loss">
              <table>
                <thead><tr><th scope="col">Layer</th><th scope="col">Dropped</th><th scope="col">Slots per expert</th><th scope="col">Balance loss</th></tr></thead>
                <tbody>
                  {r.summary.dropped.map((d, l) => (
                    <tr key={l}><th scope="row">{l}</th><td>{pct(d, 2)}</td><td>{r.summary.load[l].join(' / ')}</td><td>{r.summary.balance[l].toFixed(3)}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </div>
  );
}

function History({ rows }: { rows: ReturnType<typeof useEval>['view']['history'] }) {
  return (
    <div className="mr-table-wrap" tabIndex={0} role="region" aria-label="Settings run so far">
      <table className="mc-history">
        <caption className="muted">Every setting you ran on this visit (same {HELD_OUT_TOKENS.length} held-out tokens)</caption>
        <thead><tr><th scope="col">k</th><th scope="col">Capacity factor</th><th scope="col">Validation loss</th><th scope="col">Dropped (mean)</th></tr></thead>
        <tbody>
          {rows.map((h) => (
            <tr key={`${h.k}-${h.capacityFactor}`}>
              <td>{h.k}</td><td>{h.capacityFactor ?? 'none'}</td><td>{h.summary.loss.toFixed(4)}</td>
              <td>{pct(h.summary.dropped.reduce((a, b) => a + b, 0) / h.summary.dropped.length)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

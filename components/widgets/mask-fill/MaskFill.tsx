'use client';
/**
 * "Mask a word, see the predictions": lm-mlm (encoder-only, both sides) and lm (decoder-only, left
 * side only) on the same hidden token, live in the model worker. Top-k and ranks come from
 * lib/interp/mlm.ts; probabilities are over the 4096 real tokens (lm-mlm's [MASK] left out).
 */
import { useEffect, useRef } from 'react';
import { showToken } from '@/components/viz/show-token';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import { rankOf, topPredictions, TOKENIZER_VOCAB, type Prediction } from '@/lib/interp/mlm';
import type { WidgetProps } from '../types';
import type { MaskFillState } from './index';
import { useMaskFill } from './useMaskFill';
import '../family-masks/family-masks.css';
import { BackendSelect } from '@/components/ui/BackendSelect';

export function MaskFillPanel({ state, setState, hidden, locked, deps }: WidgetProps<MaskFillState> & { deps: Deps }) {
  const { view, load } = useMaskFill(deps, state.text, state.pos, state.backend);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.backend]);
  const T = view.ids.length;
  const p = view.pos;
  const truth = view.ids[p];
  const label = (id: number) => showToken(view.tokenText ? view.tokenText(id) : `#${id}`);
  const mlmTop = view.mlm ? topPredictions(view.mlm, view.mlm.length, 0, state.k, TOKENIZER_VOCAB) : null;
  const lmTop = view.lm ? topPredictions(view.lm, view.lm.length, 0, state.k, TOKENIZER_VOCAB) : null;
  const mlmRank = view.mlm && truth !== undefined ? rankOf(view.mlm, view.mlm.length, 0, truth, TOKENIZER_VOCAB) : null;
  const lmRank = view.lm && truth !== undefined ? rankOf(view.lm, view.lm.length, 0, truth, TOKENIZER_VOCAB) : null;
  return (
    <div className="fm" data-phase={view.phase}>
      <div className="controls">
        {!hidden.has('text') && (
          <div className="control control-wide">
            <label htmlFor="mf-text">Sentence</label>
            <textarea id="mf-text" rows={2} value={state.text} readOnly={locked.has('text')} onChange={(e) => setState({ text: e.target.value })} />
          </div>
        )}
        {!hidden.has('pos') && (
          <div className="control">
            <label htmlFor="mf-pos">Masked token <output>{T ? `${p} “${showToken(view.labels[p] ?? '')}”` : state.pos}</output></label>
            <input id="mf-pos" type="range" min={0} max={Math.max(0, (T || 128) - 1)} value={T ? p : state.pos} disabled={locked.has('pos')} onChange={(e) => setState({ pos: Number(e.target.value) })} />
          </div>
        )}
        {!hidden.has('k') && (
          <div className="control">
            <label htmlFor="mf-k">Predictions shown <output>{state.k}</output></label>
            <input id="mf-k" type="range" min={3} max={20} value={state.k} disabled={locked.has('k')} onChange={(e) => setState({ k: Number(e.target.value) })} />
          </div>
        )}
        {!hidden.has('backend') && (
          <BackendSelect id="mf-backend" value={state.backend} disabled={locked.has('backend')} onChange={(backend) => setState({ backend })} />
        )}
      </div>
      <div className="mf-actions">
        {(view.phase === 'idle' || view.phase === 'error') && (
          <button type="button" className="btn btn-primary" onClick={() => { started.current = true; void load(); }}>Load lm-mlm and lm</button>
        )}
        {view.backend && <BackendBadge backend={view.backend} reason={view.reason} />}
      </div>
      {view.error && <p className="fm-error" role="alert">{view.error}</p>}
      {view.fallback && <p className="url-notes">{view.fallback}</p>}
      {view.note && <p className="url-notes">{view.note}</p>}
      {T > 0 && state.pos > T - 1 && <p className="url-notes">Token {state.pos} is past the end of this sentence ({T} tokens), so the last token, {T - 1}, is masked.</p>}
      {view.phase === 'loading' && view.progress?.phase === 'download' && (
        <ProgressBar loaded={view.progress.loaded} total={view.progress.total ?? 0} label={`Model weights (${view.progress.file ?? 'lm-mlm, lm'})`} />
      )}
      <p role="status" aria-live="polite" className="fm-status">
        {view.phase === 'idle' && 'lm-mlm (about 3 MB) and lm (about 4 MB) download when you press Load.'}
        {view.phase === 'loading' && 'Loading lm-mlm and lm…'}
        {view.phase === 'running' && 'Predicting…'}
        {view.phase === 'ready' && T > 0 && `Token ${p} of ${T} hidden. lm-mlm ranks the true token #${mlmRank?.rank}; ${lmRank ? `lm ranks it #${lmRank.rank}` : 'lm has nothing to read (no token before it)'}.`}
      </p>
      {T > 0 && !hidden.has('pos') && (
        <div className="mf-toks" role="group" aria-label="Pick the token to mask">
          {view.labels.map((l, i) => (
            <button key={i} type="button" className="mf-tok" aria-pressed={i === p} disabled={locked.has('pos')} onClick={() => setState({ pos: i })}>{showToken(l)}</button>
          ))}
        </div>
      )}
      {view.phase !== 'idle' && T > 0 && mlmTop && (
        <div className="mf-cols">
          <section className="mf-col" aria-label="lm-mlm predictions" data-model="lm-mlm" data-pos={p} data-top1={mlmTop[0]?.id} data-rank={mlmRank?.rank}>
            <h4>lm-mlm: both sides (encoder-only)</h4>
            <p className="mf-ctx">{view.labels.map((l, i) => (i === p ? <span key={i}>{lead(l)}<mark>[MASK]</mark></span> : <span key={i}>{l}</span>))}</p>
            <Bars top={mlmTop} truth={truth} label={label} />
            {mlmRank && <p className="mf-meta">True token “{label(truth)}”: rank {mlmRank.rank}, p = {mlmRank.p.toFixed(3)}</p>}
          </section>
          <section className="mf-col" aria-label="lm predictions" data-model="lm" data-top1={lmTop?.[0]?.id ?? ''} data-rank={lmRank?.rank ?? ''}>
            <h4>lm: left side only (decoder-only)</h4>
            <p className="mf-ctx">{view.labels.map((l, i) => (i < p ? <span key={i}>{l}</span> : i === p ? <span key={i}>{lead(l)}<mark>?</mark></span> : <span key={i} className="mf-hid">{l}</span>))}</p>
            {lmTop ? <Bars top={lmTop} truth={truth} label={label} /> : <p>Nothing before the first token: a decoder-only model has no context to predict it from.</p>}
            {lmRank && <p className="mf-meta">True token “{label(truth)}”: rank {lmRank.rank}, p = {lmRank.p.toFixed(3)}</p>}
          </section>
        </div>
      )}
      {mlmTop && <DataTable mlm={mlmTop} lm={lmTop} truth={truth} label={label} />}
    </div>
  );
}

/** A token's leading space, kept outside the highlight so the sentence reads normally. */
const lead = (l: string) => (l.startsWith(' ') ? ' ' : '');

function Bars({ top, truth, label }: { top: Prediction[]; truth: number; label: (id: number) => string }) {
  const max = Math.max(...top.map((t) => t.p), 1e-9);
  return (
    <ol className="mf-bars">
      {top.map((t) => (
        <li key={t.id}>
          <span className={`mf-w${t.id === truth ? ' mf-true' : ''}`} title={`id ${t.id}`}>{label(t.id)}{t.id === truth ? ' ✓' : ''}</span>
          <span className="mf-track" aria-hidden="true"><span className="mf-bar" style={{ width: `${(100 * t.p) / max}%` }} /></span>
          <span className="mf-p">{t.p.toFixed(3)}</span>
        </li>
      ))}
    </ol>
  );
}

function DataTable({ mlm, lm, truth, label }: { mlm: Prediction[]; lm: Prediction[] | null; truth: number; label: (id: number) => string }) {
  return (
    <details className="hint">
      <summary>Data table</summary>
      <div className="fm-table-wrap" tabIndex={0} role="region" aria-label="Top predictions of both models">
        <table>
          <thead><tr><th scope="col">#</th><th scope="col">lm-mlm</th><th scope="col">p</th><th scope="col">lm</th><th scope="col">p</th></tr></thead>
          <tbody>
            {mlm.map((m, i) => (
              <tr key={i}>
                <th scope="row">{i + 1}</th>
                <td>{label(m.id)}{m.id === truth ? ' ✓' : ''}</td><td>{m.p.toFixed(4)}</td>
                <td>{lm ? `${label(lm[i].id)}${lm[i].id === truth ? ' ✓' : ''}` : '—'}</td><td>{lm ? lm[i].p.toFixed(4) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

export default function MaskFill(props: WidgetProps<MaskFillState>) {
  return <MaskFillPanel {...props} deps={defaultDeps} />;
}

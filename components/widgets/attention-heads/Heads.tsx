'use client';
/**
 * Scoring every head of `lm` on a block of random tokens read twice (Olsson et al. 2022): the
 * 'taps' graph runs live (WebGPU or WASM), lib/interp scores each head three ways, and the page
 * shows a layer × head grid of the chosen score, the top heads of each score, the uniform
 * baseline, and the model's loss on each copy.
 */
import { useId, useMemo, useState } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { defaultDeps, type Deps, type TokenizerLike } from '@/components/lesson/live-model';
import { showToken } from '@/components/viz/show-token';
import type { ScoreKind } from '@/lib/interp/head-scores';
import { copyLosses, repeatedRandomTokens } from '@/lib/interp/random-seq';
import { headMatrix, num } from '../attention-explorer/layout';
import { statusText, useTaps } from '../attention-explorer/useTaps';
import type { WidgetProps } from '../types';
import type { HeadsState } from './index';
import { headTable, KIND_TEXT, KINDS } from './layout';
import { PatternMap } from './PatternMap';
import '../attention-explorer/attention.css';

const VOCAB = 4096;

export function HeadsPanel({ state, setState, hidden, locked, deps }: WidgetProps<HeadsState> & { deps: Deps }) {
  const id = useId();
  const [tok, setTok] = useState<TokenizerLike | null>(null);
  const ids = useMemo(() => (tok ? repeatedRandomTokens(state.seed, state.period, 256, VOCAB) : null), [tok, state.seed, state.period]);
  const { view, load } = useTaps(deps, ids, state.backend);
  const start = async () => {
    setTok(await deps.tokenizer());
    await load();
  };
  const period = view.ids.length / 2;
  const table = useMemo(() => (view.layers.length && period >= 2 ? headTable(view.layers.map((l) => l.probs), period) : null), [view.layers, period]);
  const loss = useMemo(() => (view.logits && period >= 2 ? copyLosses(view.logits.data as Float32Array, view.ids, period, view.logits.dims[2]) : null), [view.logits, view.ids, period]);
  const kind = state.kind;
  const show = (k: string) => !hidden.has(k);
  const nh = view.shape?.nHead ?? 4;
  const layer = Math.min(state.layer, view.layers.length - 1);
  const head = Math.min(state.head, nh - 1);
  const picked = view.layers[layer] ? headMatrix(view.layers[layer].probs, head) : null;
  const block = view.ids.slice(0, Math.min(period, 12)).map((i) => showToken(tok?.tokenText(i) ?? `#${i}`)).join(' │ ');
  return (
    <div className="ax" data-phase={view.phase} data-ran={view.ran ?? ''}>
      <div className="controls ax-controls">
        {show('seed') && (
          <div className="control">
            <label htmlFor={`${id}-seed`}>Seed</label>
            <input id={`${id}-seed`} type="number" min={0} step={1} value={state.seed} disabled={locked.has('seed')}
              onChange={(e) => { const v = Number(e.target.value); if (Number.isInteger(v) && v >= 0 && v < 2 ** 32) setState({ seed: v }); }} />
          </div>
        )}
        {show('period') && (
          <div className="control">
            <label htmlFor={`${id}-p`}>Block length <output htmlFor={`${id}-p`}>{state.period}</output></label>
            <input id={`${id}-p`} type="range" min={5} max={100} step={1} value={state.period} disabled={locked.has('period')} onChange={(e) => setState({ period: Number(e.target.value) })} />
          </div>
        )}
        {show('kind') && (
          <div className="control">
            <label htmlFor={`${id}-k`}>Score in the grid</label>
            <select id={`${id}-k`} value={kind} disabled={locked.has('kind')} onChange={(e) => setState({ kind: e.target.value as ScoreKind })}>
              {KINDS.map((k) => <option key={k} value={k}>{KIND_TEXT[k].name}</option>)}
            </select>
          </div>
        )}
        {show('backend') && (
          <div className="control">
            <label htmlFor={`${id}-b`}>Engine</label>
            <select id={`${id}-b`} value={state.backend} disabled={locked.has('backend')} onChange={(e) => setState({ backend: e.target.value as HeadsState['backend'] })}>
              <option value="auto">auto (faster)</option><option value="webgpu">WebGPU</option><option value="wasm">WASM</option>
            </select>
          </div>
        )}
      </div>
      <div className="ax-actions">
        {(view.phase === 'idle' || view.phase === 'error') && <button type="button" className="btn btn-primary" onClick={() => void start()}>Load the model</button>}
        {view.phase !== 'idle' && show('seed') && <button type="button" className="btn" disabled={locked.has('seed')} onClick={() => setState({ seed: (state.seed + 1) >>> 0 })}>New random block</button>}
        {view.ran && <BackendBadge backend={view.ran} reason={view.choice?.backend === view.ran ? view.choice.reason : `forced: ${view.ran}`} />}
      </div>
      {view.error && <p className="ax-error" role="alert">{view.error}</p>}
      {view.phase === 'loading' && view.progress?.phase === 'download' && <ProgressBar loaded={view.progress.loaded} total={view.progress.total ?? 0} label="Model weights (lm)" />}
      <p role="status" aria-live="polite" className="ax-status">{statusText(view, view.ids.length)}</p>
      {table && (
        <>
          <p className="ax-small">
            Input: {period} random tokens (seed {state.seed}), then the same {period} again: <code>{block}{period > 12 ? ' │ …' : ''}</code>
          </p>
          <figure className="ax-detail">
            <figcaption>{KIND_TEXT[kind].name} score of every head ({KIND_TEXT[kind].what}). Uniform attention would score {num(table.baseline[kind])}.</figcaption>
            <div className="ax-grid" role="group" aria-label={`${KIND_TEXT[kind].name} score of every head; best: layer ${table.ranked[kind][0].layer} head ${table.ranked[kind][0].head}, ${num(table.ranked[kind][0].score)}. Pick a head to see its pattern.`}>
              <span aria-hidden="true" />
              {Array.from({ length: nh }, (_, h) => <span key={h} className="ax-thumbs-col" aria-hidden="true">head {h}</span>)}
              {table.scores[kind].map((s) => (
                <span key={`${s.layer}.${s.head}`} style={{ display: 'contents' }}>
                  {s.head === 0 && <span className="ax-thumbs-layer" aria-hidden="true">layer {s.layer}</span>}
                  <button type="button" className="ax-grid-cell" data-layer={s.layer} data-head={s.head} data-score={s.score.toFixed(6)}
                    aria-pressed={s.layer === layer && s.head === head} disabled={locked.has('layer') || locked.has('head')} onClick={() => setState({ layer: s.layer, head: s.head })}>
                    <span className="sr-only">Layer {s.layer}, head {s.head}: </span>
                    <span className="ax-grid-fill" style={{ opacity: Math.min(1, Math.max(0, s.score)) }} />
                    <span className="ax-grid-num">{num(s.score)}</span>
                  </button>
                </span>
              ))}
            </div>
          </figure>
          {picked && <PatternMap m={picked} period={period} layer={layer} head={head} induction={table.scores.induction[layer * nh + head].score} previous={table.scores.previous[layer * nh + head].score} />}
          <div className="ax-rank">
            {KINDS.map((k) => (
              <table className="ax-table" key={k} data-kind={k}>
                <caption>Top {KIND_TEXT[k].name.toLowerCase()} heads (uniform: {num(table.baseline[k])})</caption>
                <thead><tr><th scope="col">layer</th><th scope="col">head</th><th scope="col">score</th></tr></thead>
                <tbody>
                  {table.ranked[k].slice(0, 4).map((s) => <tr key={`${s.layer}.${s.head}`}><td>{s.layer}</td><td>{s.head}</td><td data-score={s.score.toFixed(6)}>{num(s.score)}</td></tr>)}
                </tbody>
              </table>
            ))}
          </div>
          {loss && (
            <p className="ax-loss" data-first={loss.first.toFixed(4)} data-second={loss.second.toFixed(4)}>
              The model&apos;s loss predicting each token: <strong>{num(loss.first, 2)}</strong> nats on the first copy,{' '}
              <strong>{num(loss.second, 2)}</strong> on the second. A model that copies from its context would find the second copy far easier.
            </p>
          )}
          <details className="hint">
            <summary>Data table</summary>
            <div className="ax-table-wrap" tabIndex={0} role="region" aria-label="All three scores of every head">
              <table className="ax-table">
                <thead><tr><th scope="col">layer</th><th scope="col">head</th>{KINDS.map((k) => <th scope="col" key={k}>{KIND_TEXT[k].name}</th>)}</tr></thead>
                <tbody>
                  {table.scores.induction.map((s, i) => (
                    <tr key={i}><td>{s.layer}</td><td>{s.head}</td>{KINDS.map((k) => <td key={k}>{num(table.scores[k][i].score)}</td>)}</tr>
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

export default function Heads(props: WidgetProps<HeadsState>) {
  return <HeadsPanel {...props} deps={defaultDeps} />;
}

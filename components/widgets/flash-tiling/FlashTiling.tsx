'use client';
/**
 * FlashAttention on lm's real Q, K, V: the student's text runs through lm's 'taps' graph (model
 * worker, WebGPU or WASM); one head's q, k, v go through lib/longctx/flash.ts (tiled, online
 * softmax, every stored number rounded to float32) and through ordinary attention, block by block.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { useReducedMotion } from '@/components/ui/useReducedMotion';
import { defaultDeps, type Deps, type TokenizerLike } from '@/components/lesson/live-model';
import { flashAttention, maxAbsDiff, naiveAttention } from '@/lib/longctx/flash';
import { useTaps } from '../attention-explorer/useTaps';
import type { WidgetProps } from '../types';
import type { FlashTilingState } from './index';
import { Grid } from './Grid';
import { headRows, kvHead, MAX_TOKENS, stat } from './layout';
import { Traffic } from './Traffic';
import './flash-tiling.css';

export function FlashPanel({ state, setState, hidden, locked, deps }: WidgetProps<FlashTilingState> & { deps: Deps }) {
  const id = useId();
  const reduced = useReducedMotion();
  const [tok, setTok] = useState<TokenizerLike | null>(null);
  const [playing, setPlaying] = useState(false);
  const ids = useMemo(() => (tok ? tok.encode(state.text).slice(0, MAX_TOKENS) : null), [tok, state.text]);
  const cut = tok ? tok.encode(state.text).length > MAX_TOKENS : false;
  const { view, load } = useTaps(deps, ids, 'auto');
  const start = async () => {
    setTok(await deps.tokenizer());
    await load();
  };
  const T = view.ids.length;
  const shape = view.shape;
  const layer = Math.min(state.layer, (shape?.nLayer ?? 8) - 1);
  const head = Math.min(state.head, (shape?.nHead ?? 4) - 1);
  const lt = view.layers[layer];
  const hs = shape ? shape.dModel / shape.nHead : 32;
  const run = useMemo(() => {
    if (!lt?.v || !shape || T === 0) return null;
    const kh = kvHead(head, shape.nHead, shape.nKvHead);
    const a = { q: headRows(lt.q, head), k: headRows(lt.k, kh), v: headRows(lt.v, kh), n: T, d: hs, causal: true };
    const flash = flashAttention(a, state.br, state.bc, { float32: true });
    const naive = naiveAttention(a);
    return { flash, diff: maxAbsDiff(flash.out, naive), kh };
  }, [lt, shape, T, head, hs, state.br, state.bc]);
  const steps = run?.flash.steps ?? [];
  const k = Math.min(state.step, Math.max(0, steps.length - 1));
  const s = steps[k];
  const tokens = useMemo(() => view.ids.map((i) => tok?.tokenText(i) ?? `#${i}`), [view.ids, tok]);
  const go = (x: number) => setState({ step: Math.max(0, Math.min(steps.length - 1, x)) });

  useEffect(() => {
    if (!playing || reduced || steps.length === 0) return;
    if (k >= steps.length - 1) return setPlaying(false);
    const h = setTimeout(() => setState({ step: k + 1 }), 450);
    return () => clearTimeout(h);
  }, [playing, reduced, k, steps.length, setState]);

  const show = (x: string) => !hidden.has(x);
  const num = (x: 'layer' | 'head' | 'br' | 'bc', label: string, min: number, max: number) => show(x) && (
    <div className="control">
      <label htmlFor={`${id}-${x}`}>{label} <output>{state[x]}</output></label>
      <input id={`${id}-${x}`} type="range" min={min} max={max} value={state[x]} disabled={locked.has(x)} onChange={(e) => setState({ [x]: Number(e.target.value), step: 0 })} />
    </div>
  );
  return (
    <div className="ft" data-phase={view.phase} data-ran={view.ran ?? ''}>
      {show('text') && (
        <div className="control control-wide">
          <label htmlFor={`${id}-text`}>Text</label>
          <textarea id={`${id}-text`} rows={2} value={state.text} readOnly={locked.has('text')} spellCheck={false} onChange={(e) => setState({ text: e.target.value, step: 0 })} />
        </div>
      )}
      <div className="controls">
        {num('layer', 'Layer', 0, (shape?.nLayer ?? 8) - 1)}
        {num('head', 'Head', 0, (shape?.nHead ?? 4) - 1)}
        {num('br', 'Rows per block Br', 1, 32)}
        {num('bc', 'Columns per block Bc', 1, 32)}
      </div>
      <div className="ft-actions">
        {(view.phase === 'idle' || view.phase === 'error') && <button type="button" className="btn btn-primary" onClick={() => void start()}>Load lm and run</button>}
        {view.ran && <BackendBadge backend={view.ran} reason={view.choice?.backend === view.ran ? view.choice.reason : `forced: ${view.ran}`} />}
      </div>
      {view.phase === 'loading' && view.progress && <ProgressBar loaded={view.progress.loaded} total={view.progress.total ?? 0} label="Model weights (lm)" />}
      {view.error && <p className="ft-error" role="alert">{view.error}</p>}
      {cut && <p className="url-notes">Only the first {MAX_TOKENS} tokens are used.</p>}
      <p role="status" aria-live="polite" className="ft-status">
        {view.phase === 'idle' && 'Press Load: lm (about 4 MB) runs your text and hands over the queries, keys and values of every head.'}
        {view.phase === 'loading' && 'Loading lm…'}
        {view.phase === 'running' && 'Running lm…'}
        {run && view.phase === 'ready' && `${T} tokens, layer ${layer}, head ${head} (K/V head ${run.kh}), d = ${hs}: ${steps.length} block steps of ${state.br}×${state.bc}.`}
      </p>
      {run && s && (
        <>
          <div className="ft-stepper" role="group" aria-label="Block step">
            <button type="button" className="btn" onClick={() => go(k - 1)} disabled={k === 0}>◀ Prev</button>
            {show('step') && (
              <span className="control">
                <label htmlFor={`${id}-step`}>Step <output>{k + 1} / {steps.length}</output></label>
                <input id={`${id}-step`} type="range" min={0} max={steps.length - 1} value={k} disabled={locked.has('step')} onChange={(e) => go(Number(e.target.value))} />
              </span>
            )}
            <button type="button" className="btn" onClick={() => go(k + 1)} disabled={k >= steps.length - 1}>Next ▶</button>
            {!reduced && <button type="button" className="btn" onClick={() => setPlaying((p) => !p)} aria-pressed={playing}>{playing ? 'Pause' : 'Play'}</button>}
          </div>
          <div className="ft-panels">
            <figure className="ft-figure">
              <figcaption>
                Scores S = QKᵀ/√d (row = query, column = key). Outlined: block (i = {s.i}, j = {s.j}) — Q rows {s.r0}–{s.r1 - 1} (left bar) against K, V columns {s.c0}–{s.c1 - 1} (top bar). Dark: done; light: to do. Outer loop over K/V blocks, inner over Q blocks (Algorithm 1).
              </figcaption>
              <Grid T={T} steps={steps} k={k} tokens={tokens} />
            </figure>
            <div className="ft-side">
              <p className="ft-note">{s.skipped ? 'Every entry of this block lies after its query (causal mask): nothing is computed; m and ℓ stay.' : 'For each row: m_new = max(m, block max); ℓ_new = e^(m − m_new)·ℓ + Σ e^(S − m_new); O is rescaled by the same factor and the block\'s P̃V added.'}</p>
              <div className="ft-table-wrap" tabIndex={0} role="region" aria-label="Running max and sum of the rows of this block">
                <table className="ft-small">
                  <thead><tr><th scope="col">Row</th><th scope="col">Token</th><th scope="col">m</th><th scope="col">ℓ</th></tr></thead>
                  <tbody>
                    {s.mAfter.map((m, x) => (
                      <tr key={x}>
                        <th scope="row">{s.r0 + x}</th><td><code>{tokens[s.r0 + x]}</code></td>
                        <td>{stat(s.mBefore[x])} → {stat(m)}</td><td>{stat(s.lBefore[x])} → {stat(s.lAfter[x])}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="ft-result">
                After all {steps.length} steps: max |O<sub>tiled</sub> − O<sub>ordinary</sub>| = <strong data-maxdiff={run.diff.toExponential(3)}>{run.diff.toExponential(2)}</strong> over {T}×{hs} numbers — float32 rounding (the tiled pass keeps S, P̃, O and ℓ in float32, the reference is float64). Same answer, never an N×N matrix in memory.
              </p>
            </div>
          </div>
        </>
      )}
      <h4 className="ft-h">Memory traffic, both ways</h4>
      <div className="controls">
        {show('n') && (
          <div className="control">
            <label htmlFor={`${id}-n`}>Sequence length N <output>{state.n}</output></label>
            <input id={`${id}-n`} type="range" min={16} max={65536} step={16} value={state.n} disabled={locked.has('n')} onChange={(e) => setState({ n: Number(e.target.value) })} />
          </div>
        )}
        {show('sram') && (
          <div className="control">
            <label htmlFor={`${id}-sram`}>SRAM (KB) <output>{state.sram}</output></label>
            <input id={`${id}-sram`} type="range" min={8} max={256} value={state.sram} disabled={locked.has('sram')} onChange={(e) => setState({ sram: Number(e.target.value) })} />
          </div>
        )}
      </div>
      <Traffic n={state.n} d={hs} sramKb={state.sram} />
      {run && (
        <details className="hint">
          <summary>Data table</summary>
          <div className="ft-table-wrap" tabIndex={0} role="region" aria-label="Every block step">
            <table className="ft-small">
              <thead><tr><th scope="col">Step</th><th scope="col">Rows</th><th scope="col">Cols</th><th scope="col">m, ℓ of the first row after</th></tr></thead>
              <tbody>
                {steps.map((x, n) => (
                  <tr key={n}><th scope="row">{n + 1}</th><td>{x.r0}–{x.r1 - 1}</td><td>{x.c0}–{x.c1 - 1}</td><td>{x.skipped ? 'skipped' : `${stat(x.mAfter[0])}, ${stat(x.lAfter[0])}`}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </div>
  );
}

export default function FlashTiling(props: WidgetProps<FlashTilingState>) {
  return <FlashPanel {...props} deps={defaultDeps} />;
}

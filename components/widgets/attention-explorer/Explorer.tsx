'use client';
/**
 * The attention explorer: `lm` (model worker, WebGPU or WASM) runs its 'taps' graph on the
 * student's sentence; every layer × head shows as a thumbnail, one head in detail, and one query
 * row through the stages of scaled dot-product attention with the real q and k vectors.
 * Head scores and stages come from lib/interp; nothing is precomputed.
 */
import { useId, useMemo, useState } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { defaultDeps, type Deps, type TokenizerLike } from '@/components/lesson/live-model';
import { firstTokenScore, previousTokenScore } from '@/lib/interp/head-scores';
import { queryStages } from '@/lib/interp/stages';
import type { WidgetProps } from '../types';
import { Detail } from './Detail';
import type { ExplorerState } from './index';
import { headMatrix, MAX_TOKENS, pickCell } from './layout';
import { Stages } from './Stages';
import { Thumbs, type HeadInfo } from './Thumbs';
import { statusText, useTaps } from './useTaps';
import './attention.css';

export function ExplorerPanel({ state, setState, hidden, locked, deps }: WidgetProps<ExplorerState> & { deps: Deps }) {
  const id = useId();
  const [tok, setTok] = useState<TokenizerLike | null>(null);
  const ids = useMemo(() => (tok ? tok.encode(state.text).slice(0, MAX_TOKENS) : null), [tok, state.text]);
  const cut = tok ? tok.encode(state.text).length > MAX_TOKENS : false;
  const { view, load } = useTaps(deps, ids, state.backend);
  const start = async () => {
    setTok(await deps.tokenizer());
    await load();
  };
  const T = view.ids.length;
  const tokens = useMemo(() => view.ids.map((i) => tok?.tokenText(i) ?? `#${i}`), [view.ids, tok]);
  const shape = view.shape;
  const layer = Math.min(state.layer, (shape?.nLayer ?? 8) - 1);
  const head = Math.min(state.head, (shape?.nHead ?? 4) - 1);
  const cell = pickCell(state.query, state.key, T);
  const info: HeadInfo[][] = useMemo(() => view.layers.map((lt) => Array.from({ length: lt.probs.dims[1] }, (_, h) => {
    const m = headMatrix(lt.probs, h);
    return { previous: previousTokenScore(m, T), first: firstTokenScore(m, T) };
  })), [view.layers, T]);
  const lt = view.layers[layer];
  const stages = useMemo(() => (lt && T > 0 ? queryStages(lt.q, lt.k, head, cell.query) : null), [lt, head, cell.query, T]);
  const m = lt ? headMatrix(lt.probs, head) : null;
  const show = (k: string) => !hidden.has(k);
  const sel = (k: 'layer' | 'head', n: number, label: string) => show(k) && (
    <div className="control">
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <select id={`${id}-${k}`} value={state[k]} disabled={locked.has(k)} onChange={(e) => setState({ [k]: Number(e.target.value) })}>
        {Array.from({ length: n }, (_, i) => <option key={i} value={i}>{i}</option>)}
      </select>
    </div>
  );
  return (
    <div className="ax" data-phase={view.phase} data-ran={view.ran ?? ''} data-update-ms={view.updateMs?.toFixed(0) ?? ''}>
      {show('text') && (
        <div className="control control-wide">
          <label htmlFor={`${id}-text`}>Sentence</label>
          <textarea id={`${id}-text`} rows={2} value={state.text} readOnly={locked.has('text')} spellCheck={false} onChange={(e) => setState({ text: e.target.value })} />
        </div>
      )}
      <div className="controls ax-controls">
        {sel('layer', shape?.nLayer ?? 8, 'Layer')}
        {sel('head', shape?.nHead ?? 4, 'Head')}
        {show('backend') && (
          <div className="control">
            <label htmlFor={`${id}-b`}>Engine</label>
            <select id={`${id}-b`} value={state.backend} disabled={locked.has('backend')} onChange={(e) => setState({ backend: e.target.value as ExplorerState['backend'] })}>
              <option value="auto">auto (faster)</option><option value="webgpu">WebGPU</option><option value="wasm">WASM</option>
            </select>
          </div>
        )}
      </div>
      <div className="ax-actions">
        {(view.phase === 'idle' || view.phase === 'error') && <button type="button" className="btn btn-primary" onClick={() => void start()}>Load the model</button>}
        {view.ran && <BackendBadge backend={view.ran} reason={view.choice?.backend === view.ran ? view.choice.reason : `forced: ${view.ran}`} />}
      </div>
      {view.error && <p className="ax-error" role="alert">{view.error}</p>}
      {cut && <p className="url-notes">Only the first {MAX_TOKENS} tokens are shown.</p>}
      {view.phase === 'loading' && view.progress?.phase === 'download' && <ProgressBar loaded={view.progress.loaded} total={view.progress.total ?? 0} label="Model weights (lm)" />}
      <p role="status" aria-live="polite" className="ax-status">{statusText(view, T)}</p>
      {view.layers.length > 0 && m && shape && (
        <div className="ax-body">
          <Thumbs layers={view.layers.map((x) => x.probs)} info={info} layer={layer} head={head} disabled={locked.has('layer') || locked.has('head')}
            onPick={(l, h) => setState({ layer: l, head: h })} />
          <Detail m={m} T={T} layer={layer} head={head} cell={cell} tokens={tokens} locked={locked.has('query') || locked.has('key')}
            onCell={(c) => setState({ query: c.query, key: c.key })} />
          {stages && <Stages s={stages} tapped={m.subarray(cell.query * T, (cell.query + 1) * T)} keyPos={cell.key} tokens={tokens}
            nHead={shape.nHead} nKvHead={shape.nKvHead} ran={view.ran === 'webgpu' ? 'ONNX Runtime on WebGPU' : 'ONNX Runtime on WASM'} />}
        </div>
      )}
    </div>
  );
}

export default function Explorer(props: WidgetProps<ExplorerState>) {
  return <ExplorerPanel {...props} deps={defaultDeps} />;
}

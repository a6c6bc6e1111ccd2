'use client';
/**
 * Static vs contextual vectors: lm (model worker, WebGPU or WASM) runs on two sentences that share
 * a word; the cosine of that word's residual-stream vector in the two sentences at every layer
 * (lib/interp/contextual), next to the mean cosine of two different tokens at the same layer.
 */
import { useId, useMemo, useState } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { useWidth } from '@/components/ui/useWidth';
import { defaultDeps, type Deps, type TokenizerLike } from '@/components/lesson/live-model';
import { baselineCosine, findWord, layerSimilarity } from '@/lib/interp/contextual';
import { wordPieces } from '@/lib/interp/word-tokens';
import type { WidgetProps } from '../types';
import { useCutText } from '../useCutText';
import { DataTable } from '../scale-common/Fields';
import { Frame } from '../scale-common/Frame';
import { pathOf } from '../scale-common/chart';
import { fmtCos, tokenLabel } from '../embed-common/layout';
import type { EmbedContextState } from './index';
import { contextAxes, layerLabels, seriesPoints } from './layout';
import { DEBOUNCE_MS, useContextTaps } from './useContextTaps';
import '../scale-common/scale.css';
import '../embed-common/embed.css';

function TextBox({ label, value, max, set, locked }: { label: string; value: string; max: number; set: (v: string) => void; locked: boolean }) {
  const id = useId();
  const cut = useCutText(max, set);
  return (
    <div className="control em-wide">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" value={value} readOnly={locked} spellCheck={false} autoComplete="off"
        maxLength={cut.maxLength} onPaste={cut.onPaste} onChange={(e) => cut.onChange(e.target.value)} />
      {cut.note && <p className="url-notes" role="status">{cut.note}</p>}
    </div>
  );
}

export function ContextPanel({ state, setState, hidden, locked, deps }: WidgetProps<EmbedContextState> & { deps: Deps }) {
  const id = useId();
  const [tok, setTok] = useState<TokenizerLike | null>(null);
  const idsA = useMemo(() => (tok ? tok.encode(state.s1) : null), [tok, state.s1]);
  const idsB = useMemo(() => (tok ? tok.encode(state.s2) : null), [tok, state.s2]);
  const { view, load } = useContextTaps(deps, idsA, idsB, state.backend);
  const start = async () => {
    setTok(await deps.tokenizer());
    await load();
  };
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const word = tok ? wordPieces({ encode: (t) => tok.encode(t), tokenText: (i) => tok.tokenText(i) }, state.word) : null;
  const res = useMemo(() => {
    const { a, b, C } = view;
    if (!a || !b || !word || word.ids.length === 0) return null;
    const ta = findWord(a.ids, word.ids);
    const tb = findWord(b.ids, word.ids);
    if (ta < 0 || tb < 0) return { ta, tb, sim: null, base: null };
    return { ta, tb, sim: layerSimilarity(a.layers, ta, b.layers, tb, C), base: baselineCosine(a.layers, a.ids, b.layers, b.ids, C) };
  }, [view, word]);
  const nLayer = view.a ? view.a.layers.length - 1 : 8;
  const axes = useMemo(() => (res?.sim && res.base ? contextAxes(nLayer, [...res.sim, ...res.base], Math.max(280, Math.min(width, 640)), 240) : null), [res, nLayer, width]);
  const labels = layerLabels(nLayer);
  const show = (k: string) => !hidden.has(k);
  const last = res?.sim ? res.sim[res.sim.length - 1] : null;
  return (
    <div className="sc" ref={ref} data-phase={view.phase} data-ran={view.ran ?? ''} data-sim={res?.sim?.map((x) => x.toFixed(4)).join(',') ?? ''} data-update-ms={view.updateMs?.toFixed(0) ?? ''}>
      {show('s1') && <TextBox label="Sentence 1" value={state.s1} max={200} locked={locked.has('s1')} set={(s1) => setState({ s1 })} />}
      {show('s2') && <TextBox label="Sentence 2" value={state.s2} max={200} locked={locked.has('s2')} set={(s2) => setState({ s2 })} />}
      <div className="sc-controls control-row em-inputs">
        {show('word') && <TextBox label="Shared word" value={state.word} max={40} locked={locked.has('word')} set={(w) => setState({ word: w })} />}
        {show('backend') && (
          <div className="control">
            <label htmlFor={`${id}-b`}>Engine</label>
            <select id={`${id}-b`} value={state.backend} disabled={locked.has('backend')} onChange={(e) => setState({ backend: e.target.value as EmbedContextState['backend'] })}>
              <option value="auto">auto (faster)</option><option value="webgpu">WebGPU</option><option value="wasm">WASM</option>
            </select>
          </div>
        )}
      </div>
      <div className="control-row">
        {(view.phase === 'idle' || view.phase === 'error') && <button type="button" className="btn btn-primary" onClick={() => void start()}>Load the model</button>}
        {view.ran && <BackendBadge backend={view.ran} reason={view.choice?.backend === view.ran ? view.choice.reason : `forced: ${view.ran}`} />}
      </div>
      {view.error && <p className="sc-note" role="alert">{view.error}</p>}
      {view.phase === 'loading' && view.progress?.phase === 'download' && <ProgressBar loaded={view.progress.loaded} total={view.progress.total ?? 0} label="Model weights (lm)" />}
      <p className="sc-small" role="status" aria-live="polite">
        {view.phase === 'idle' && 'The model (about 4 MB) downloads when you press Load.'}
        {view.phase === 'loading' && 'Loading the model…'}
        {view.phase === 'running' && 'Running the model on both sentences…'}
        {view.phase === 'ready' && view.runs > 0 && `Ran lm on both sentences (${view.a?.ids.length} and ${view.b?.ids.length} tokens); ${view.runs > 1 ? `the picture updated ${Math.round(view.updateMs ?? 0)} ms after your change (including a ${DEBOUNCE_MS} ms pause that waits for you to stop typing).` : 'nothing is precomputed.'}`}
      </p>
      {word && word.ids.length > 0 && tok && (
        <p className="sc-small">“{state.word.trim()}” with its leading space is {word.ids.length === 1 ? 'one token' : `${word.ids.length} tokens`}: {word.pieces.map((s, i) => <code key={i} className="em-tok">{tokenLabel(s)} </code>)}
          {word.ids.length > 1 && '— the vector compared is the one at its last piece, the first position that has seen the whole word.'}</p>
      )}
      {res && (res.ta < 0 || res.tb < 0) && (
        <p className="sc-note" role="status" data-testid="missing">“{state.word.trim()}” (as {word?.pieces.map(tokenLabel).join(' ')}) does not occur in sentence {res.ta < 0 ? 1 : 2}. Write it with a space before it, as a word inside the sentence.</p>
      )}
      {res?.sim && res.base && axes && (
        <>
          <p data-testid="ctx-summary">Same token id, so identical at the embedding (cosine {fmtCos(res.sim[0])}); after the last block the two vectors of “{state.word.trim()}” have cosine <strong>{fmtCos(last!)}</strong>. Two different tokens of these sentences average {fmtCos(res.base[res.base.length - 1])} there.</p>
          <figure className="sc-figure">
            <figcaption><span><span className="sc-key sc-c0" aria-hidden="true" />“{state.word.trim()}” in sentence 1 vs sentence 2</span><span><span className="sc-key sc-c4" aria-hidden="true" />mean over pairs of different tokens (baseline)</span></figcaption>
            <Frame a={axes} xTitle="layer (emb = embedding, then after block 1…8)" yTitle="cosine"
              label={`Cosine similarity of the word's vectors in the two sentences per layer: ${res.sim.map((s, i) => `${labels[i]} ${fmtCos(s)}`).join(', ')}.`}>
              <path className="sc-line sc-line-2" d={pathOf(axes, seriesPoints(res.base))} />
              <path className="sc-line sc-line-0" d={pathOf(axes, seriesPoints(res.sim))} />
              {seriesPoints(res.sim).map(([x, y]) => <circle key={x} className="sc-c0" cx={axes.x(x)} cy={axes.y(y)} r={3.5} />)}
            </Frame>
          </figure>
          <DataTable caption={`Cosine per layer of “${state.word.trim()}” (positions ${res.ta} and ${res.tb})`} head={['layer', 'same word', 'baseline']}
            rows={res.sim.map((s, i) => [labels[i], fmtCos(s), fmtCos(res.base![i])])} />
        </>
      )}
    </div>
  );
}

export default function EmbedContext(props: WidgetProps<EmbedContextState>) {
  return <ContextPanel {...props} deps={defaultDeps} />;
}

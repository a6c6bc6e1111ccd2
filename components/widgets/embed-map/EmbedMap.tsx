'use client';
/**
 * lm's token embeddings in 2-D: every row of tok_emb.weight [4096, 128] goes into a PCA (computed
 * here, in slices), the first `count` tokens that begin a word are drawn on PC1 × PC2, and the chosen
 * word's nearest neighbours by cosine in all 128 dimensions are listed and marked on the map.
 */
import { useId, useMemo } from 'react';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { useWidth } from '@/components/ui/useWidth';
import { neighbours } from '@/lib/interp/neighbours';
import { wordStartIds, wordPieces } from '@/lib/interp/word-tokens';
import type { WidgetProps } from '../types';
import { useCutText } from '../useCutText';
import { DataTable } from '../scale-common/Fields';
import { Frame } from '../scale-common/Frame';
import { fmtCos, fmtPct, tokenLabel } from '../embed-common/layout';
import { useEmbeddingTable } from '../embed-common/useEmbeddingTable';
import type { EmbedMapState } from './index';
import { mapLayout, subset } from './layout';
import { usePca } from './usePca';
import '../scale-common/scale.css';
import '../embed-common/embed.css';

const WORD = /^ [A-Za-z]+$/;

export default function EmbedMap({ state, setState, hidden, locked }: WidgetProps<EmbedMapState>) {
  const id = useId();
  const tv = useEmbeddingTable();
  const data = tv.data;
  const pc = usePca(data);
  const word = useCutText(40, (t) => setState({ word: t }));
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const words = useMemo(() => (data ? wordStartIds(data.tok, data.V, { minLetters: 2 }) : []), [data]);
  const pieces = useMemo(() => (data ? wordPieces(data.tok, state.word) : null), [data, state.word]);
  const nb = useMemo(() => {
    if (!data || pieces?.id == null) return null;
    const t0 = performance.now();
    const list = neighbours(data.table, data.V, data.d, pieces.id, state.k, { norms: data.norms });
    return { list, ms: performance.now() - t0 };
  }, [data, pieces, state.k]);
  const shown = useMemo(() => subset(words, state.count), [words, state.count]);
  const p = pc.pca;
  const geo = useMemo(() => {
    if (!p) return null;
    const proj = (i: number): [number, number] => [p.projections[2 * i], p.projections[2 * i + 1]];
    return mapLayout(shown, proj, pieces?.id ?? null, nb?.list.map((n) => n.id) ?? [], Math.max(280, Math.min(width, 720)), Math.max(240, Math.min(420, width * 0.7)));
  }, [p, shown, pieces, nb, width]);
  const text = (i: number) => data?.tok.tokenText(i) ?? `#${i}`;
  const pickWord = (i: number) => !locked.has('word') && setState({ word: text(i).trim() });
  const show = (k: string) => !hidden.has(k);
  return (
    <div className="sc" ref={ref} data-phase={tv.phase === 'ready' ? pc.phase : tv.phase} data-pick={pieces?.id ?? ''}
      data-nb={nb?.list.map((n) => n.id).join(',') ?? ''} data-compute-ms={nb ? nb.ms.toFixed(1) : ''} data-pca-ms={pc.ms?.toFixed(0) ?? ''}>
      <div className="sc-controls control-row em-inputs">
        {show('word') && (
          <div className="control">
            <label htmlFor={`${id}-w`}>Word</label>
            <input id={`${id}-w`} type="text" value={state.word} readOnly={locked.has('word')} spellCheck={false} autoComplete="off"
              maxLength={word.maxLength} onPaste={word.onPaste} onChange={(e) => word.onChange(e.target.value)} />
          </div>
        )}
        {show('count') && (
          <div className="sc-range control">
            <label htmlFor={`${id}-n`}>Words drawn: {shown.length > 0 ? shown.length : state.count}</label>
            <input id={`${id}-n`} type="range" min={20} max={2000} step={10} value={state.count} disabled={locked.has('count')}
              onChange={(e) => setState({ count: Number(e.target.value) })} />
          </div>
        )}
        {show('k') && (
          <div className="control">
            <label htmlFor={`${id}-k`}>Neighbours</label>
            <select id={`${id}-k`} value={state.k} disabled={locked.has('k')} onChange={(e) => setState({ k: Number(e.target.value) })}>
              {Array.from({ length: 20 }, (_, i) => <option key={i} value={i + 1}>{i + 1}</option>)}
            </select>
          </div>
        )}
      </div>
      {word.note && <p className="url-notes" role="status">{word.note}</p>}
      {tv.phase === 'loading' && <ProgressBar loaded={tv.loaded} total={tv.total} label="lm weights" />}
      {tv.phase === 'error' && <p className="sc-note" role="alert">Could not load lm: {tv.error}</p>}
      {pc.phase === 'computing' && (
        <div className="control-row">
          <ProgressBar loaded={pc.progress?.stage === 'eigen' ? 1 : pc.progress?.done ?? 0} total={1} label={pc.progress?.stage === 'eigen' ? 'PCA: eigenvectors of the 128 × 128 covariance' : 'PCA: covariance of 4096 rows'} />
          <button type="button" className="btn" onClick={pc.cancel}>Cancel</button>
        </div>
      )}
      {pc.phase === 'cancelled' && <p className="sc-small" role="status">PCA cancelled. <button type="button" className="btn" onClick={pc.restart}>Compute it</button></p>}
      {pieces && pieces.id === null && pieces.pieces.length > 0 && (
        <p className="sc-note" role="status" data-testid="split">
          “{state.word.trim()}” is not one token in lm’s vocabulary: it splits into {pieces.pieces.map((s) => <code key={s} className="em-tok">{tokenLabel(s)} </code>)}.
          A piece has no meaning of its own to compare; try a word that is one token.
        </p>
      )}
      {p && (
        <dl className="sc-stats">
          <div><dt>PC1 keeps</dt><dd data-testid="pc1">{fmtPct(p.explainedRatio[0])}</dd></div>
          <div><dt>PC2 keeps</dt><dd data-testid="pc2">{fmtPct(p.explainedRatio[1])}</dd></div>
          <div><dt>of the variance of all</dt><dd>{p.n} rows × {p.d} dims</dd></div>
        </dl>
      )}
      {nb && pieces?.id != null && (
        <div>
          <p className="sc-small" id={`${id}-nbh`}>Nearest to <code className="em-tok">{tokenLabel(text(pieces.id))}</code> by cosine in all 128 dimensions (the token itself left out); pick one to move there:</p>
          <ol className="em-list" aria-labelledby={`${id}-nbh`} data-testid="neighbours">
            {nb.list.map((n) => (
              <li key={n.id}>
                {WORD.test(text(n.id)) && !locked.has('word')
                  ? <button type="button" onClick={() => pickWord(n.id)}><span className="em-tok">{tokenLabel(text(n.id))}</span> {fmtCos(n.cos)}</button>
                  : <span className="em-tok">{tokenLabel(text(n.id))} {fmtCos(n.cos)}</span>}
              </li>
            ))}
          </ol>
        </div>
      )}
      {geo && p && (
        <figure className="sc-figure">
          <figcaption>
            <span><span className="sc-key em-dot-pick" style={{ background: 'var(--accent)' }} aria-hidden="true" />your word</span>
            <span><span className="sc-key sc-c1" aria-hidden="true" />its neighbours</span>
            <span><span className="sc-key sc-c4" aria-hidden="true" />the first {shown.length} tokens that begin a word</span>
          </figcaption>
          <Frame a={geo.axes} xTitle={`PC1 (${fmtPct(p.explainedRatio[0])})`} yTitle={`PC2 (${fmtPct(p.explainedRatio[1])})`}
            label={`Scatter of ${shown.length} word-start tokens on lm's first two principal components, which keep ${fmtPct(p.explainedRatio[0])} and ${fmtPct(p.explainedRatio[1])} of the variance.`}>
            {geo.dots.map((d) => (
              <circle key={d.id} className={`em-dot${d.role ? ` em-dot-${d.role}` : ''}`} cx={d.x} cy={d.y} r={d.role ? 4.5 : 2.6} onClick={() => WORD.test(text(d.id)) && pickWord(d.id)}>
                <title>{text(d.id).trim()}</title>
              </circle>
            ))}
            {geo.dots.filter((d) => d.role).map((d) => (
              <text key={`t${d.id}`} className={`sc-halo ${d.role === 'pick' ? 'sc-label-strong' : 'sc-label'}`} x={d.x + 6} y={d.y - 5}>{text(d.id).trim()}</text>
            ))}
          </Frame>
        </figure>
      )}
      {geo && p && (
        <DataTable caption={`The ${shown.length} drawn tokens and their coordinates`} head={['token', 'PC1', 'PC2']}
          rows={shown.map((i) => [tokenLabel(text(i)), p.projections[2 * i].toFixed(3), p.projections[2 * i + 1].toFixed(3)])} />
      )}
      {pc.ms !== null && <p className="sc-small">No model runs here: this reads lm’s shipped embedding table. PCA of all {data?.V} rows computed in this page in {Math.round(pc.ms)} ms (in slices, so the page stays responsive){nb ? `; neighbours in ${nb.ms.toFixed(1)} ms` : ''}.</p>}
    </div>
  );
}

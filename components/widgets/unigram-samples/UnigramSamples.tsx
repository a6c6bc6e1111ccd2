'use client';
/** Subword regularization: the n best Unigram segmentations with probabilities, and seeded samples at a chosen alpha. */
import { useEffect, useId, useMemo, useState } from 'react';
import type { UnigramTokenizer } from '@/lib/tokenizer';
import { forward } from '@/lib/tokenizer/lattice';
import { normalizeUnigram } from '@/lib/tokenizer';
import { mulberry32 } from '@/lib/tensor/rng';
import type { WidgetProps } from '../types';
import { CORPUS_LABEL } from '../tokenizer-compare/corpus';
import { trainedUnigram } from '../tokenizer-compare/trained';
import type { UnigramSamplesState } from './index';
import { countSamples, pct, segRows } from './layout';
import { Pieces, UnigramControls } from './UnigramControls';
import '../token-viewer/tokens.css';
import './unigram.css';

function useUnigram(vocab: number): UnigramTokenizer | null {
  const [tok, setTok] = useState<{ vocab: number; tok: UnigramTokenizer } | null>(null);
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => trainedUnigram(vocab).then((u) => live && setTok({ vocab, tok: u })), 30);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [vocab]);
  return tok?.vocab === vocab ? tok.tok : null;
}

export default function UnigramSamples(props: WidgetProps<UnigramSamplesState>) {
  const { state } = props;
  const tok = useUnigram(state.vocab);
  const view = useMemo(() => {
    if (!tok || state.text.length === 0) return null;
    const cps = [...normalizeUnigram(state.text)];
    const lat = tok.lattice(cps);
    const logZ = forward(lat, cps.length, 1)[cps.length];
    const logZa = forward(lat, cps.length, state.alpha)[cps.length];
    const best = segRows(tok.nBest(state.text, state.nbest), logZ, state.alpha, logZa);
    const rng = mulberry32(state.seed);
    const draws = Array.from({ length: state.samples }, () => tok.sample(state.text, state.alpha, rng));
    return { best, draws, counts: countSamples(draws), bestKeys: new Set(best.map((b) => b.key)) };
  }, [tok, state.text, state.alpha, state.nbest, state.samples, state.seed]);
  const tableId = useId();
  return (
    <div className="us">
      <UnigramControls {...props} />
      <p className="muted us-note" role="status">
        {tok ? `Unigram tokenizer with ${tok.vocabSize} pieces, trained live on ${CORPUS_LABEL}. ▁ marks a space.` : 'Training a Unigram tokenizer…'}
      </p>
      {view && (
        <div className="us-grid">
          <div className="bt-table-wrap" tabIndex={0} role="region" aria-label="Best segmentations">
            <table className="us-table" aria-describedby={tableId}>
              <caption className="control-label">The {view.best.length} most probable segmentations</caption>
              <thead>
                <tr>
                  <th scope="col">segmentation</th>
                  <th scope="col">log P</th>
                  <th scope="col">P (model)</th>
                  <th scope="col">P (α = {state.alpha})</th>
                </tr>
              </thead>
              <tbody>
                {view.best.map((r, i) => (
                  <tr key={r.key} className={i === 0 ? 'us-best' : undefined}>
                    <td><Pieces pieces={r.pieces} /></td>
                    <td>{r.score.toFixed(2)}</td>
                    <td>{pct(r.p)}</td>
                    <td>
                      <span className="us-bar" style={{ width: `${Math.max(1, r.pAlpha * 100)}%` }} aria-hidden="true" />
                      {pct(r.pAlpha)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p id={tableId} className="muted us-small">Probabilities are over all segmentations of the text, not just the ones listed. The first row is what encode() picks (Viterbi).</p>
          </div>
          <div>
            <p className="control-label">{state.samples} segmentations sampled at α = {state.alpha} (seed {state.seed})</p>
            <ol className="us-samples">
              {view.counts.map((c) => (
                <li key={c.key}>
                  <Pieces pieces={c.pieces} /> <span className="muted">×{c.count}{view.bestKeys.has(c.key) ? '' : ' (not in the list)'}</span>
                </li>
              ))}
            </ol>
          </div>
        </div>
      )}
    </div>
  );
}

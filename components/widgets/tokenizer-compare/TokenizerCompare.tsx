'use client';
/** BPE / WordPiece / Unigram / bytes / code points (and GPT-2 / cl100k) on one text, with disagreeing cuts marked. */
import { useId, useMemo } from 'react';
import { CharTokenizer } from '@/lib/tokenizer';
import type { WidgetProps } from '../types';
import { COMPARE_KINDS, MAX_TEXT, type CompareKind, type TokenizerCompareState } from './index';
import { useCutText } from '../useCutText';
import { CORPUS_LABEL } from './corpus';
import { compareRow, cutPositions, type CompareRowView } from './layout';
import { useCompareTokenizers } from './useCompareTokenizers';
import '../token-viewer/tokens.css';
import './compare.css';

export const KIND_LABELS: Record<CompareKind, string> = {
  char: 'Code points',
  byte: 'Bytes (UTF-8)',
  bpe: 'BPE (ours, byte-level)',
  wordpiece: 'WordPiece',
  unigram: 'Unigram',
  gpt2: 'GPT-2 (r50k)',
  cl100k: 'GPT-4 (cl100k)',
};
const VOCABS = [300, 500, 800, 1200, 2000];

export default function TokenizerCompare({ state, setState, hidden, locked }: WidgetProps<TokenizerCompareState>) {
  const ids = { text: useId(), vocab: useId(), ref: useId() };
  const { ready, training, loadingBig, error } = useCompareTokenizers(state.vocab, state.big);
  const cut = useCutText(MAX_TEXT, (text) => setState({ text }));
  const rows = useMemo(() => {
    const all = { ...ready, char: CharTokenizer.fromText(state.text, 'Code points') };
    const spans = new Map(COMPARE_KINDS.filter((k) => all[k]).map((k) => [k, all[k]!.encodeWithSpans(state.text)] as const));
    const refKind: CompareKind = spans.has(state.ref) ? state.ref : 'char';
    const refCuts = cutPositions(state.text, spans.get(refKind) ?? []);
    return { refKind, list: [...spans].map(([k, s]) => ({ kind: k, view: compareRow(state.text, s, refCuts) })) };
  }, [ready, state.text, state.ref]);
  return (
    <div className="tc">
      <div className="controls">
        {!hidden.has('text') && (
          <div className="control control-wide">
            <label htmlFor={ids.text}>Text</label>
            <textarea id={ids.text} rows={2} value={state.text} readOnly={locked.has('text')} maxLength={cut.maxLength} onPaste={cut.onPaste} onChange={(e) => cut.onChange(e.target.value)} spellCheck={false} />
          </div>
        )}
        {!hidden.has('vocab') && (
          <div className="control">
            <label htmlFor={ids.vocab}>Vocabulary size (trained ones)</label>
            <select id={ids.vocab} value={state.vocab} disabled={locked.has('vocab')} onChange={(e) => setState({ vocab: Number(e.target.value) })}>
              {[...new Set([...VOCABS, state.vocab])].sort((a, b) => a - b).map((v) => (
                <option key={v} value={v}>{v}</option>
              ))}
            </select>
          </div>
        )}
        {!hidden.has('ref') && (
          <div className="control">
            <label htmlFor={ids.ref}>Compare cuts with</label>
            <select id={ids.ref} value={state.ref} disabled={locked.has('ref')} onChange={(e) => setState({ ref: e.target.value as CompareKind })}>
              {COMPARE_KINDS.map((k) => (
                <option key={k} value={k}>{KIND_LABELS[k]}</option>
              ))}
            </select>
          </div>
        )}
        {!hidden.has('big') && (
          <div className="control">
            <span className="control-label" aria-hidden="true">Pretrained</span>
            <label className="tc-check">
              <input type="checkbox" checked={state.big} disabled={locked.has('big')} onChange={(e) => setState({ big: e.target.checked })} /> Also GPT-2 and GPT-4 (loads 1.5 MB)
            </label>
          </div>
        )}
      </div>
      {cut.note && <p className="url-notes" role="status">{cut.note}</p>}
      <p className="muted tc-note" role="status">
        {training ? 'Training BPE, WordPiece and Unigram…' : `BPE, WordPiece and Unigram were trained live in your browser on ${CORPUS_LABEL}, ${state.vocab} tokens each.`}
        {loadingBig && ' Loading the GPT-2 and cl100k vocabularies…'}
      </p>
      {error && <p className="url-notes" role="alert">{error}</p>}
      {rows.refKind !== state.ref && <p className="url-notes">{KIND_LABELS[state.ref]} is not loaded yet; comparing with {KIND_LABELS[rows.refKind]} instead.</p>}
      <div className="tc-rows">
        {rows.list.map(({ kind, view }) => (
          <CompareRow key={kind} name={KIND_LABELS[kind]} view={view} isRef={kind === rows.refKind} />
        ))}
      </div>
      <p className="muted tc-legend">
        <span className="tok tok-c0 tc-extra">a</span> a cut the reference does not make ·{' '}
        <span className="tok tok-c1 tc-missing">ab</span> a token the reference cuts in two · cuts next to spaces are not compared.
      </p>
    </div>
  );
}

function CompareRow({ name, view, isRef }: { name: string; view: CompareRowView; isRef: boolean }) {
  const summary = isRef ? 'reference' : `${view.extra} extra cut${view.extra === 1 ? '' : 's'}, ${view.missing} missing`;
  return (
    <section className={`tc-row${isRef ? ' tc-ref' : ''}`} aria-label={`${name}: ${view.count} tokens, ${summary}`}>
      <p className="tc-head">
        <b>{name}</b> <span className="tc-count">{view.count} tokens</span> <span className="muted">{summary}</span>
      </p>
      <p className="tok-strip">
        {view.cells.map((c, i) => (
          <span key={i} className={`tok tok-c${c.colour}${c.extraBefore ? ' tc-extra' : ''}${c.missingInside ? ' tc-missing' : ''}`}>{c.label}</span>
        ))}
      </p>
    </section>
  );
}

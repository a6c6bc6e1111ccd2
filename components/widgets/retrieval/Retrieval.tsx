'use client';
/**
 * The retrieval widget: BM25 (lib/retrieval/bm25.ts) ranks the 160 passages for the query at
 * once, in the page; the dense retriever (mean-pooled residual stream of lm, cosine) ranks them
 * after Run, live in the model worker. Both are scored with recall@k and MRR on the hand-judged
 * test queries (lib/retrieval/queries.ts).
 */
import { useId, useMemo } from 'react';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import { buildIndex, searchBm25, terms, type Hit } from '@/lib/retrieval/bm25';
import { searchDense } from '@/lib/retrieval/dense';
import { evaluate } from '@/lib/retrieval/metrics';
import { QUERIES } from '@/lib/retrieval/queries';
import PASSAGES from '@/lib/retrieval/passages.json';
import type { WidgetProps } from '../types';
import { useCutText } from '../useCutText';
import { RunBar } from '../eval-common/RunBar';
import { useDense } from './useDense';
import type { RetrievalState } from './index';
import '../eval-common/eval.css';
import './retrieval.css';

const TEXTS = PASSAGES.map((p) => p.text);
const INDEX_OF = new Map(PASSAGES.map((p, i) => [p.id, i]));
const RELEVANT = QUERIES.map((q) => new Set(q.relevant.map((id) => INDEX_OF.get(id)!)));

function Marked({ text, words }: { text: string; words: ReadonlySet<string> }) {
  return <>{text.split(/([A-Za-z0-9]+)/).map((part, i) => (i % 2 === 1 && words.has(part.toLowerCase()) ? <mark key={i}>{part}</mark> : part))}</>;
}

function Hits({ hits, label, words, relevant, detail }: { hits: Hit[]; label: string; words: ReadonlySet<string>; relevant: ReadonlySet<number> | null; detail: (h: Hit) => string }) {
  return (
    <ol className="rt-hits" aria-label={label}>
      {hits.map((h) => (
        <li key={h.doc} data-doc={PASSAGES[h.doc].id} data-relevant={relevant ? (relevant.has(h.doc) ? 1 : 0) : undefined}>
          <span className="rt-score">{detail(h)}{relevant?.has(h.doc) ? ' ✓ relevant' : ''}</span>
          <span className="rt-text"><Marked text={PASSAGES[h.doc].text} words={words} /></span>
          <span className="ev-small">{PASSAGES[h.doc].source === 'austen' ? 'Persuasion (Austen), held-out slice' : 'Moby-Dick (Melville)'}, character {PASSAGES[h.doc].offset.toLocaleString('en-US')}</span>
        </li>
      ))}
    </ol>
  );
}

export function RetrievalPanel({ state, setState, hidden, locked, deps }: WidgetProps<RetrievalState> & { deps: Deps }) {
  const id = useId();
  const cut = useCutText(200, (query) => setState({ query }));
  const index = useMemo(() => buildIndex(TEXTS), []);
  const bm = useMemo(() => searchBm25(index, state.query, state.k, state.k1, state.b), [index, state.query, state.k, state.k1, state.b]);
  const words = useMemo(() => new Set(terms(state.query)), [state.query]);
  const judged = QUERIES.findIndex((q) => q.query === state.query);
  const relevant = judged >= 0 ? RELEVANT[judged] : null;
  const { view, result, start, cancel } = useDense(deps, TEXTS, QUERIES.map((q) => q.query), state.query, state.backend);
  const dense = result?.query ? searchDense(result.query[state.layer], result.passages.map((v) => v[state.layer]), state.k) : null;
  const bmEval = useMemo(() => evaluate(QUERIES.map((q) => searchBm25(index, q.query, TEXTS.length, state.k1, state.b).map((h) => h.doc)), RELEVANT, state.k), [index, state.k, state.k1, state.b]);
  const dnEval = result ? evaluate(result.queries.map((q) => searchDense(q[state.layer], result.passages.map((v) => v[state.layer]), TEXTS.length).map((h) => h.doc)), RELEVANT, state.k) : null;
  const num = (key: 'k' | 'k1' | 'b' | 'layer', label: string, min: number, max: number, step: number) => !hidden.has(key) && (
    <div className="control">
      <label htmlFor={`${id}-${key}`}>{label}: {state[key]}</label>
      <input id={`${id}-${key}`} type="range" min={min} max={max} step={step} value={state[key]} disabled={locked.has(key)} onChange={(e) => setState({ [key]: Number(e.target.value) })} />
    </div>
  );
  return (
    <div className="ev rt" data-phase={view.phase}>
      <div className="controls">
        {!hidden.has('query') && (
          <div className="control control-wide">
            <label htmlFor={`${id}-q`}>Query</label>
            <input id={`${id}-q`} type="text" value={state.query} readOnly={locked.has('query')} maxLength={cut.maxLength} onPaste={cut.onPaste} onChange={(e) => cut.onChange(e.target.value)} spellCheck={false} />
            {cut.note && <p className="url-notes" role="status">{cut.note}</p>}
          </div>
        )}
        {!hidden.has('query') && (
          <div className="control">
            <label htmlFor={`${id}-t`}>Test queries</label>
            <select id={`${id}-t`} value={judged} disabled={locked.has('query')} onChange={(e) => Number(e.target.value) >= 0 && setState({ query: QUERIES[Number(e.target.value)].query })}>
              <option value={-1}>(your own)</option>
              {QUERIES.map((q, i) => <option key={i} value={i}>{q.kind === 'paraphrase' ? '≈ ' : ''}{q.query}</option>)}
            </select>
          </div>
        )}
        {num('k', 'Top k', 1, 10, 1)}
        {num('k1', 'BM25 k1', 0, 3, 0.1)}
        {num('b', 'BM25 b', 0, 1, 0.05)}
        {num('layer', 'Dense layer', 0, 8, 1)}
        {!hidden.has('backend') && (
          <div className="control">
            <label htmlFor={`${id}-e`}>Engine</label>
            <select id={`${id}-e`} value={state.backend} disabled={locked.has('backend')} onChange={(e) => setState({ backend: e.target.value as RetrievalState['backend'] })}>
              <option value="auto">Auto (measured)</option><option value="webgpu">WebGPU</option><option value="wasm">WASM (CPU)</option>
            </select>
          </div>
        )}
      </div>
      <div className="rt-cols">
        <section aria-label="BM25 results" data-testid="rt-bm25">
          <h4>BM25 (words)</h4>
          {bm.length === 0 ? <p className="ev-small">No passage shares a term with the query.</p>
            : <Hits hits={bm} label="BM25 top k" words={words} relevant={relevant} detail={(h) => `score ${h.score.toFixed(2)}`} />}
        </section>
        <section aria-label="Dense results" data-testid="rt-dense">
          <h4>Dense (lm, layer {state.layer})</h4>
          <RunBar view={view} start={() => void start()} cancel={cancel} unit="texts"
            idleText={`Press Run: lm embeds all ${TEXTS.length} passages and ${QUERIES.length} test queries (one forward each) in your browser, then your query on every edit.`} />
          {result?.ran && <p className="ev-small" data-dense-ran={result.ran}>Vectors computed here, now, on {result.ran === 'webgpu' ? 'WebGPU' : 'WASM'}: nothing is precomputed.</p>}
          {dense && <Hits hits={dense} label="Dense top k" words={words} relevant={relevant} detail={(h) => `cosine ${h.score.toFixed(3)}`} />}
        </section>
      </div>
      <details className="hint" open>
        <summary>Both retrievers on the {QUERIES.length} hand-judged test queries (data table)</summary>
        <div className="ev-wrap">
          <table data-testid="rt-eval">
            <thead><tr><th scope="col">Retriever</th><th scope="col">recall@{state.k}</th><th scope="col">MRR</th></tr></thead>
            <tbody>
              <tr data-retriever="bm25"><th scope="row">BM25 (k1 {state.k1}, b {state.b})</th><td>{bmEval.recall.toFixed(3)}</td><td>{bmEval.mrr.toFixed(3)}</td></tr>
              <tr data-retriever="dense"><th scope="row">Dense, layer {state.layer}</th><td>{dnEval ? dnEval.recall.toFixed(3) : '(Run)'}</td><td>{dnEval ? dnEval.mrr.toFixed(3) : '(Run)'}</td></tr>
            </tbody>
          </table>
        </div>
        <p className="ev-small">recall@k: share of a query&apos;s relevant passages found in the top k, averaged over queries. MRR: mean of 1 / rank of the first relevant passage. ≈ marks the paraphrased queries, which share few words with their passages.</p>
      </details>
    </div>
  );
}

export default function Retrieval(props: WidgetProps<RetrievalState>) {
  return <RetrievalPanel {...props} deps={defaultDeps} />;
}

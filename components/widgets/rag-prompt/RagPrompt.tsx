'use client';
/**
 * Retrieval-augmented and few-shot prompting on lm, measured: BM25 (in the page) retrieves k
 * passages for the query, lib/retrieval/prompt.ts builds the prompt without and with them (or
 * without and with k worked examples), and lib/retrieval/compare.ts measures ln p(target) and the
 * greedy continuation after each, in the model worker. After the first Run, every control change
 * re-measures (debounced).
 */
import { useId, useMemo } from 'react';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import { buildIndex, searchBm25 } from '@/lib/retrieval/bm25';
import { bareRagPrompt, fewShotPrompt, ragPrompt, SCENARIOS } from '@/lib/retrieval/prompt';
import { comparePrompts, type PromptResult } from '@/lib/retrieval/compare';
import PASSAGES from '@/lib/retrieval/passages.json';
import type { WidgetProps } from '../types';
import { useCutText } from '../useCutText';
import { RunBar } from '../eval-common/RunBar';
import { useEvalJob } from '../eval-common/useEvalJob';
import type { RagPromptState } from './index';
import '../eval-common/eval.css';
import '../retrieval/retrieval.css';

const INDEX = buildIndex(PASSAGES.map((p) => p.text));

function Side({ title, r }: { title: string; r: PromptResult }) {
  return (
    <section aria-label={title}>
      <h4>{title}</h4>
      <pre className="rt-prompt" tabIndex={0} aria-label={`${title}: the prompt`}>{r.prompt}</pre>
      {r.dropped > 0 && <p className="url-notes" role="status">The first {r.dropped} tokens were cut to fit lm&apos;s 256-token context.</p>}
      <p className="ev-small">Greedy continuation: <q>{r.continuation}</q></p>
    </section>
  );
}

export function RagPanel({ state, setState, hidden, locked, deps }: WidgetProps<RagPromptState> & { deps: Deps }) {
  const id = useId();
  const sc = SCENARIOS.find((s) => s.id === state.scenario) ?? SCENARIOS[0];
  const q = useCutText(200, (query) => setState({ query }));
  const st = useCutText(200, (stem) => setState({ stem }));
  const tg = useCutText(40, (target) => setState({ target }));
  const hits = useMemo(() => (sc.kind === 'rag' ? searchBm25(INDEX, state.query, state.k) : []), [sc.kind, state.query, state.k]);
  const prompts = useMemo(() => sc.kind === 'rag'
    ? { without: bareRagPrompt(state.query, state.stem, state.template), with: ragPrompt(hits.map((h) => PASSAGES[h.doc].text), state.query, state.stem, state.template) }
    : { without: fewShotPrompt(sc.shots, state.stem, 0), with: fewShotPrompt(sc.shots, state.stem, state.k) }, [sc, hits, state.query, state.stem, state.template, state.k]);
  const ready = state.stem.trim() !== '' && state.target !== '';
  const key = `${state.backend}|${prompts.without}|${prompts.with}|${state.target}`;
  const { view, result, start, cancel } = useEvalJob(deps, ['lm'], state.backend, key, async (c) => {
    if (!ready) throw new Error('Write a stem and a target first.');
    return comparePrompts(prompts, state.target, c.tok, c.forward('lm'), { signal: c.signal, onStep: c.progress, maxNew: 8, context: 256 });
  });
  const text = (key: 'query' | 'stem' | 'target', label: string, cut: ReturnType<typeof useCutText>) => !hidden.has(key) && (
    <div className="control control-wide">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} type="text" value={state[key]} readOnly={locked.has(key)} maxLength={cut.maxLength} onPaste={cut.onPaste} onChange={(e) => cut.onChange(e.target.value)} spellCheck={false} />
      {cut.note && <p className="url-notes" role="status">{cut.note}</p>}
    </div>
  );
  const delta = result ? result.with.logProb - result.without.logProb : null;
  return (
    <div className="ev rt" data-phase={view.phase}>
      <div className="controls">
        {!hidden.has('scenario') && (
          <div className="control">
            <label htmlFor={`${id}-s`}>Scenario</label>
            <select id={`${id}-s`} value={state.scenario} disabled={locked.has('scenario')} onChange={(e) => {
              const s = SCENARIOS.find((x) => x.id === e.target.value)!;
              setState({ scenario: s.id as RagPromptState['scenario'], query: s.query || state.query, stem: s.stem, target: s.target });
            }}>
              {SCENARIOS.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
            </select>
          </div>
        )}
        {sc.kind === 'rag' && text('query', 'Retrieval query (BM25)', q)}
        {text('stem', 'Stem (lm continues this)', st)}
        {text('target', 'Target answer (with its leading space)', tg)}
        {!hidden.has('k') && (
          <div className="control">
            <label htmlFor={`${id}-k`}>{sc.kind === 'rag' ? 'Passages' : 'Examples'}: {state.k}</label>
            <input id={`${id}-k`} type="range" min={1} max={3} step={1} value={state.k} disabled={locked.has('k')} onChange={(e) => setState({ k: Number(e.target.value) })} />
          </div>
        )}
        {sc.kind === 'rag' && !hidden.has('template') && (
          <div className="control">
            <label htmlFor={`${id}-t`}>Template</label>
            <select id={`${id}-t`} value={state.template} disabled={locked.has('template')} onChange={(e) => setState({ template: e.target.value as RagPromptState['template'] })}>
              <option value="plain">Passages, then the stem</option><option value="labelled">Passage: … Question: … Answer:</option>
            </select>
          </div>
        )}
        {!hidden.has('backend') && (
          <div className="control">
            <label htmlFor={`${id}-e`}>Engine</label>
            <select id={`${id}-e`} value={state.backend} disabled={locked.has('backend')} onChange={(e) => setState({ backend: e.target.value as RagPromptState['backend'] })}>
              <option value="auto">Auto (measured)</option><option value="webgpu">WebGPU</option><option value="wasm">WASM (CPU)</option>
            </select>
          </div>
        )}
      </div>
      {sc.kind === 'rag' && (
        <p className="ev-small" data-testid="rag-retrieved">Retrieved by BM25: {hits.length === 0 ? 'nothing (no shared term)' : hits.map((h) => `${PASSAGES[h.doc].id} (${h.score.toFixed(2)})`).join(', ')}.</p>
      )}
      <RunBar view={view} start={() => void start()} cancel={cancel} unit="forward passes"
        idleText="Press Run: lm reads both prompts in your browser and scores the target after each (2 forwards, plus 8 greedy tokens each)." />
      {result && (
        <>
          <div className="ev-wrap">
            <table data-testid="rag-table">
              <caption>ln p(target | prompt), in nats</caption>
              <thead><tr><th scope="col">Prompt</th><th scope="col">tokens</th><th scope="col">ln p</th><th scope="col">p</th></tr></thead>
              <tbody>
                {([['without', result.without], ['with', result.with]] as const).map(([name, r]) => (
                  <tr key={name} data-side={name} data-logp={r.logProb.toFixed(4)}>
                    <th scope="row">{name === 'without' ? 'Without' : sc.kind === 'rag' ? `With ${state.k} passage${state.k > 1 ? 's' : ''}` : `With ${state.k} example${state.k > 1 ? 's' : ''}`}</th>
                    <td>{r.promptTokens}</td><td>{r.logProb.toFixed(2)}</td><td>{Math.exp(r.logProb).toPrecision(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="ev-status" data-testid="rag-delta">Difference: {delta! >= 0 ? '+' : '−'}{Math.abs(delta!).toFixed(2)} nats, the target is {Math.exp(delta!).toPrecision(2)}× as likely with the extra context.</p>
          <div className="rt-cols">
            <Side title="Without" r={result.without} />
            <Side title="With" r={result.with} />
          </div>
        </>
      )}
    </div>
  );
}

export default function RagPrompt(props: WidgetProps<RagPromptState>) {
  return <RagPanel {...props} deps={defaultDeps} />;
}

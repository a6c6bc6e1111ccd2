'use client';
/**
 * Self-consistency on one cloze context: k sampled first words (lib/eval/self-consistency.ts,
 * seeded), their majority vote, and the greedy first word, all from lm in the model worker.
 */
import { useId } from 'react';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import { CLOZE_SET } from '@/lib/eval/cloze-set';
import { selfConsistency, type SelfConsistency as Result } from '@/lib/eval/self-consistency';
import { BackendSelect } from '@/components/ui/BackendSelect';
import type { WidgetProps } from '../types';
import { RunBar } from '../eval-common/RunBar';
import { useEvalJob } from '../eval-common/useEvalJob';
import type { SelfConsistencyState } from './index';
import '../eval-common/eval.css';

export const MAX_TOKENS = 4;

export function SelfConsistencyPanel({ state, setState, hidden, locked, deps }: WidgetProps<SelfConsistencyState> & { deps: Deps }) {
  const id = useId();
  const item = CLOZE_SET[Math.min(state.item, CLOZE_SET.length - 1)];
  const answer = item.options[item.answer];
  const key = `${state.item}|${state.k}|${state.temperature}|${state.seed}|${state.backend}`;
  const { view, result, start, cancel } = useEvalJob<Result>(deps, ['lm'], state.backend, key, async (c) =>
    selfConsistency(c.tok.encode(item.context), state.k, c.forward('lm'), (ids) => c.tok.decode(ids),
      { maxTokens: MAX_TOKENS, temperature: state.temperature, seed: state.seed }, { signal: c.signal, onStep: c.progress }));
  const mark = (w: string) => (w === answer ? ' ✓' : '');
  return (
    <div className="ev" data-phase={view.phase}>
      <div className="controls">
        {!hidden.has('item') && (
          <div className="control">
            <label htmlFor={`${id}-i`}>Context</label>
            <select id={`${id}-i`} value={state.item} disabled={locked.has('item')} onChange={(e) => setState({ item: Number(e.target.value) })} style={{ maxWidth: '100%' }}>
              {CLOZE_SET.map((it, i) => <option key={i} value={i}>{it.context.length > 40 ? `…${it.context.slice(-38)}` : it.context}</option>)}
            </select>
          </div>
        )}
        {!hidden.has('k') && (
          <div className="control">
            <label htmlFor={`${id}-k`}>Samples k <output htmlFor={`${id}-k`}>{state.k}</output></label>
            <input id={`${id}-k`} type="range" min={1} max={25} step={1} value={state.k} disabled={locked.has('k')} onChange={(e) => setState({ k: Number(e.target.value) })} />
          </div>
        )}
        {!hidden.has('temperature') && (
          <div className="control">
            <label htmlFor={`${id}-t`}>Temperature <output htmlFor={`${id}-t`}>{state.temperature}</output></label>
            <input id={`${id}-t`} type="range" min={0.1} max={2} step={0.1} value={state.temperature} disabled={locked.has('temperature')} onChange={(e) => setState({ temperature: Number(e.target.value) })} />
          </div>
        )}
        {!hidden.has('seed') && (
          <div className="control">
            <label htmlFor={`${id}-r`}>Seed</label>
            <input id={`${id}-r`} type="number" min={0} step={1} value={state.seed} disabled={locked.has('seed')} onChange={(e) => setState({ seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} style={{ width: '7rem' }} />
          </div>
        )}
        {!hidden.has('backend') && (
          <BackendSelect id={`${id}-e`} value={state.backend} disabled={locked.has('backend')} onChange={(backend) => setState({ backend })} label="Engine" wasmText="WASM (CPU)" />
        )}
      </div>
      <p className="ev-small">&ldquo;{item.context} ___&rdquo; — the cloze set&apos;s answer is <strong>{answer}</strong>; lm is not shown the options here, it just continues the text.</p>
      <RunBar view={view} start={() => void start()} cancel={cancel} unit="answers"
        idleText={`Press Run: lm continues the context ${state.k} times at temperature ${state.temperature} (seed ${state.seed}), and once greedily.`} />
      {result && (
        <>
          <ol className="ev-samples" aria-label="Sampled first words">
            {result.samples.map((s, i) => <li key={i}>{s || '(none)'}{mark(s)}</li>)}
          </ol>
          <p className="ev-status" data-vote={result.vote.answer} data-greedy={result.greedy}>
            Vote: <strong>{result.vote.answer || '(none)'}</strong>{mark(result.vote.answer)} ({result.vote.count} of {state.k}) · Greedy: <strong>{result.greedy || '(none)'}</strong>{mark(result.greedy)}
            {result.vote.answer === result.greedy ? ' — the vote agrees with greedy.' : ' — the vote differs from greedy.'}
          </p>
          <details className="hint">
            <summary>Data table</summary>
            <div className="ev-wrap" tabIndex={0} role="region" aria-label="Tally of sampled answers">
              <table>
                <thead><tr><th scope="col">First word</th><th scope="col">Count</th></tr></thead>
                <tbody>{result.vote.tally.map(([w, n]) => <tr key={w}><th scope="row">{w || '(none)'}</th><td>{n}</td></tr>)}</tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </div>
  );
}

export default function SelfConsistency(props: WidgetProps<SelfConsistencyState>) {
  return <SelfConsistencyPanel {...props} deps={defaultDeps} />;
}

'use client';
/**
 * The cloze set of lib/eval/cloze-set.ts scored live: one forward per option in the model worker,
 * Σ ln p of the option's tokens from lib/eval/cloze.ts; the normalisation toggle re-ranks the
 * same scores without running the model again.
 */
import { useId } from 'react';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import { accuracy, chance, NORMS, optionShares, pick, scoreSet, type Norm, type OptionScore } from '@/lib/eval/cloze';
import { CLOZE_SET } from '@/lib/eval/cloze-set';
import { BackendSelect } from '@/components/ui/BackendSelect';
import type { WidgetProps } from '../types';
import { RunBar } from '../eval-common/RunBar';
import { bytesOfIds, useEvalJob } from '../eval-common/useEvalJob';
import type { ClozeEvalState } from './index';
import '../eval-common/eval.css';

const NORM_LABEL: Record<Norm, string> = { sum: 'Sum of ln p', token: 'Per token', byte: 'Per byte' };

export function ClozePanel({ state, setState, hidden, locked, deps }: WidgetProps<ClozeEvalState> & { deps: Deps }) {
  const id = useId();
  const { view, result, start, cancel } = useEvalJob<OptionScore[][]>(deps, [state.model], state.backend, `${state.model}|${state.backend}`, async (c) => {
    const tok = { encode: (s: string) => c.tok.encode(s), bytes: (s: string) => bytesOfIds(c.tok, c.tok.encode(s)) };
    return scoreSet(CLOZE_SET, tok, c.forward(state.model), { signal: c.signal, onStep: c.progress });
  });
  const ch = chance(CLOZE_SET);
  return (
    <div className="ev" data-phase={view.phase}>
      <div className="controls">
        {!hidden.has('model') && (
          <div className="control">
            <label htmlFor={`${id}-m`}>Model</label>
            <select id={`${id}-m`} value={state.model} disabled={locked.has('model')} onChange={(e) => setState({ model: e.target.value as ClozeEvalState['model'] })}>
              {['lm', 'lm-moe', 'lm-ssm', 'lm-alibi', 'lm-learned-pos', 'lm-draft'].map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          </div>
        )}
        {!hidden.has('norm') && (
          <div className="control">
            <label htmlFor={`${id}-n`}>Score options by</label>
            <select id={`${id}-n`} value={state.norm} disabled={locked.has('norm')} onChange={(e) => setState({ norm: e.target.value as Norm })}>
              {NORMS.map((n) => <option key={n} value={n}>{NORM_LABEL[n]}</option>)}
            </select>
          </div>
        )}
        {!hidden.has('backend') && (
          <BackendSelect id={`${id}-e`} value={state.backend} disabled={locked.has('backend')} onChange={(backend) => setState({ backend })} label="Engine" wasmText="WASM (CPU)" />
        )}
      </div>
      <RunBar view={view} start={() => void start()} cancel={cancel} unit="items"
        idleText={`Press Run: ${state.model} scores the 4 options of each of the ${CLOZE_SET.length} items, one forward pass per option, in your browser.`} />
      {result && (
        <>
          <figure className="ev-bars" aria-label="Accuracy under each normalisation, and chance">
            {NORMS.map((n) => {
              const a = accuracy(CLOZE_SET, result, n);
              return (
                <div className="ev-bar" key={n} data-norm={n} data-acc={a.toFixed(4)}>
                  <span>{NORM_LABEL[n]}{n === state.norm ? ' ◂' : ''}</span>
                  <span className="ev-bar-track" aria-hidden="true"><span className="ev-bar-fill" style={{ display: 'block', width: `${100 * a}%` }} /></span>
                  <span className="ev-num">{(100 * a).toFixed(0)}%</span>
                </div>
              );
            })}
            <div className="ev-bar">
              <span>Chance</span>
              <span className="ev-bar-track" aria-hidden="true"><span className="ev-bar-fill ev-chance" style={{ display: 'block', width: `${100 * ch}%` }} /></span>
              <span className="ev-num">{(100 * ch).toFixed(0)}%</span>
            </div>
          </figure>
          <details className="hint" open>
            <summary>Every item (data table): the share each option gets, {NORM_LABEL[state.norm].toLowerCase()}</summary>
            <ol className="ev-items">
              {CLOZE_SET.map((it, i) => {
                const s = result[i];
                const sh = optionShares(s, state.norm);
                const p = pick(s, state.norm);
                return (
                  <li className="ev-item" key={i} data-right={p === it.answer ? 1 : 0}>
                    <span className={p === it.answer ? 'ev-ok' : 'ev-bad'}>{p === it.answer ? '✓' : '✗'}</span> {it.context} ___
                    <span className="ev-opts">
                      {it.options.map((o, j) => (
                        <span key={o} className="ev-opt" data-right={j === it.answer ? 1 : 0} title={`Σ ln p = ${s[j].sum.toFixed(2)} over ${s[j].tokens} token(s), ${s[j].bytes} bytes`}>
                          {j === p ? '▸' : ''}{o} {(100 * sh[j]).toFixed(0)}% <span className="ev-small">({s[j].tokens} tok)</span>
                        </span>
                      ))}
                    </span>
                  </li>
                );
              })}
            </ol>
          </details>
        </>
      )}
      <p className="ev-small">Bold: the right option. ▸: the option the model picks. Per token divides the sum by the option&apos;s tokens, per byte by the UTF-8 bytes of the option with its leading space. The share is the softmax of the chosen scores over the four options (display only).</p>
    </div>
  );
}

export default function ClozeEval(props: WidgetProps<ClozeEvalState>) {
  return <ClozePanel {...props} deps={defaultDeps} />;
}

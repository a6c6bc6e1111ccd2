'use client';
/**
 * Generation, one token at a time: `lm` (model worker, WebGPU or WASM) generates `steps` tokens
 * with lib/sample's seeded sampler (traceGeneration); every step keeps the distribution it was
 * drawn from. Back / Forward (or the arrow keys on the token strip) move through the steps.
 */
import { useCallback, useId, useMemo, type KeyboardEvent } from 'react';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import { showToken } from '@/components/viz/show-token';
import { traceGeneration, type TraceResult } from '@/lib/sample/trace';
import { mulberry32 } from '@/lib/tensor';
import type { WidgetProps } from '../types';
import { DecodeActions } from '../decode-common/DecodeActions';
import { Cancelled, useJob } from '../decode-common/useJob';
import { useLm } from '../decode-common/useLm';
import { useCutText } from '../useCutText';
import { MAX_PROMPT, MAX_STEPS, type DecodeStepsState } from './index';
import { clampStep, pct, ROW, stepBars } from './layout';
import '../decode-common/decode.css';

const BAR_W = 220;

export function DecodeStepsPanel({ state, setState, hidden, locked, deps }: WidgetProps<DecodeStepsState> & { deps: Deps }) {
  const id = useId();
  const { view: lm, load, nextLogits } = useLm(deps);
  const tok = lm.tokenizer;
  const tokenText = useCallback((t: number) => showToken(tok?.tokenText(t) ?? `#${t}`), [tok]);
  const cut = useCutText(MAX_PROMPT, (prompt) => setState({ prompt }));
  const { prompt, steps, temperature, topK, topP, seed } = state;
  const key = JSON.stringify([prompt, steps, temperature, topK, topP, seed]);
  const { job, cancel } = useJob<TraceResult & { promptIds: number[] }>(key, lm.phase === 'ready' && !!tok && prompt.trim() !== '', async (signal, progress) => {
    const promptIds = tok!.encode(prompt).slice(-(lm.context - MAX_STEPS));
    progress(0, steps);
    const r = await traceGeneration({
      nextLogits: async (ids) => {
        if (signal.aborted) throw new Cancelled();
        return nextLogits(ids);
      },
      prompt: promptIds, maxNewTokens: steps, signal,
      sampler: { temperature, ...(topK > 0 ? { topK } : {}), ...(topP < 1 ? { topP } : {}) },
      rng: mulberry32(seed),
    }, { top: 8, onStep: (s) => progress(s.index + 1, steps) });
    return { ...r, promptIds };
  });
  const trace = job.result;
  const { at, note } = clampStep(state.at, trace?.steps.length ?? 0);
  const step = trace?.steps[at];
  const bars = useMemo(() => (step ? stepBars(step, tokenText, BAR_W) : []), [step, tokenText]);
  const show = (k: string) => !hidden.has(k);
  const go = (n: number) => trace && setState({ at: Math.max(0, Math.min(trace.steps.length - 1, n)) });
  const onStripKey = (e: KeyboardEvent<HTMLElement>) => {
    if (!trace) return;
    const last = trace.steps.length - 1;
    const to = e.key === 'ArrowLeft' ? at - 1 : e.key === 'ArrowRight' ? at + 1 : e.key === 'Home' ? 0 : e.key === 'End' ? last : null;
    if (to === null) return;
    e.preventDefault();
    const n = Math.max(0, Math.min(last, to));
    go(n);
    e.currentTarget.querySelectorAll('button')[n]?.focus(); // focus follows the selection (roving tabindex)
  };
  const lockedAt = locked.has('at');

  return (
    <div className="dec" data-phase={lm.phase} data-job={job.status}>
      <div className="dec-controls">
        {show('prompt') && (
          <div className="control control-wide">
            <label htmlFor={`${id}-prompt`}>Prompt</label>
            <textarea id={`${id}-prompt`} rows={2} value={prompt} readOnly={locked.has('prompt')} maxLength={cut.maxLength}
              onPaste={cut.onPaste} onChange={(e) => cut.onChange(e.target.value)} spellCheck={false} />
            {cut.note && <p className="url-notes" role="status">{cut.note}</p>}
          </div>
        )}
        <div className="controls dec-row">
          {show('steps') && <NumberBox id={`${id}-steps`} label="Tokens to generate" value={steps} min={1} max={MAX_STEPS} step={1} disabled={locked.has('steps')} onChange={(v) => setState({ steps: v })} />}
          {show('temperature') && (
            <div className="control">
              <label htmlFor={`${id}-t`}>Temperature <output>{temperature === 0 ? '0 (greedy)' : temperature.toFixed(2)}</output></label>
              <input id={`${id}-t`} type="range" min={0} max={2} step={0.05} value={temperature} disabled={locked.has('temperature')} onChange={(e) => setState({ temperature: Number(e.target.value) })} />
            </div>
          )}
          {show('topK') && <NumberBox id={`${id}-k`} label="Top-k (0 = off)" value={topK} min={0} max={4096} step={1} disabled={locked.has('topK')} onChange={(v) => setState({ topK: v })} />}
          {show('topP') && (
            <div className="control">
              <label htmlFor={`${id}-p`}>Top-p <output>{topP >= 1 ? 'off' : topP.toFixed(2)}</output></label>
              <input id={`${id}-p`} type="range" min={0.05} max={1} step={0.05} value={topP} disabled={locked.has('topP')} onChange={(e) => setState({ topP: Number(e.target.value) })} />
            </div>
          )}
          {show('seed') && <NumberBox id={`${id}-seed`} label="Seed" value={seed} min={0} max={2 ** 32 - 1} step={1} disabled={locked.has('seed')} onChange={(v) => setState({ seed: v })} />}
        </div>
      </div>
      <DecodeActions lm={lm} job={job} load={load} cancel={cancel} unit="Tokens generated" prompt={prompt}
        emptyPrompt={'Type a prompt: the model continues it.'} running={`Generating token ${job.done + 1} of ${job.total || steps}…`}
        done={trace ? `Generated ${trace.steps.length} tokens (${trace.steps.length} model runs) in ${Math.round(job.ms ?? 0)} ms.` : ''} />
      {note && <p className="url-notes">{note}</p>}
      {trace && tok && (
        <>
          <div className="dec-strip-wrap">
            <span className="dec-prompt">{tok.decode(trace.promptIds)}</span>
            <div className="dec-strip" role="group" aria-label="Generated tokens: arrow keys move between steps" onKeyDown={onStripKey}>
              {trace.steps.map((s) => (
                <button key={s.index} type="button" className="dec-tok" aria-pressed={s.index === at} tabIndex={s.index === at ? 0 : -1}
                  disabled={lockedAt && s.index !== at} onClick={() => go(s.index)}
                  aria-label={`Step ${s.index + 1}: ${tokenText(s.chosen)}, drawn with probability ${pct(s.chosenP)}`}>
                  {tokenText(s.chosen)}
                </button>
              ))}
            </div>
          </div>
          <div className="dec-nav">
            <button type="button" className="btn" onClick={() => go(at - 1)} disabled={at === 0 || lockedAt}>← Back</button>
            <span className="dec-where">Step {at + 1} of {trace.steps.length}</span>
            <button type="button" className="btn" onClick={() => go(at + 1)} disabled={at >= trace.steps.length - 1 || lockedAt}>Forward →</button>
          </div>
          {step && (
            <figure className="dec-figure">
              <figcaption>
                Step {at + 1}: the model saw {step.contextLength} tokens and drew <code>{tokenText(step.chosen)}</code> (drawn probability{' '}
                {pct(step.chosenP)}; the model&apos;s own {pct(step.chosenModelP)}, rank {step.chosenModelRank}). Solid bar: the distribution the draw used; outline: the model at T = 1.
              </figcaption>
              <svg width={BAR_W + 170} height={bars.length * ROW} viewBox={`0 0 ${BAR_W + 170} ${bars.length * ROW}`} role="img" aria-label={`Top tokens at step ${at + 1}`}>
                {bars.map((b) => (
                  <g key={b.id} transform={`translate(0, ${b.y})`} className={b.chosen ? 'dec-chosen' : undefined}>
                    <text className="dec-label" x={96} y={15} textAnchor="end">{b.chosen ? '▶ ' : ''}{b.label.slice(0, 12)}</text>
                    <rect className="dec-p" x={102} y={4} width={Math.max(b.wp, b.p > 0 ? 1 : 0)} height={14} />
                    <rect className="dec-model" x={102} y={4} width={Math.max(b.wModel, 1)} height={14} />
                    <text className="dec-value" x={106 + Math.max(b.wp, b.wModel)} y={15}>{pct(b.p)}</text>
                  </g>
                ))}
              </svg>
              <dl className="dec-stats">
                <div><dt>Tokens the draw could pick</dt><dd>{step.kept}</dd></div>
                <div><dt>Entropy drawn / model</dt><dd>{step.entropy.toFixed(2)} / {step.modelEntropy.toFixed(2)} nats</dd></div>
              </dl>
              <details>
                <summary>Data table</summary>
                <table className="dec-table">
                  <caption>Step {at + 1}: top tokens</caption>
                  <thead><tr><th scope="col">Token</th><th scope="col">Drawn p</th><th scope="col">Model p</th></tr></thead>
                  <tbody>
                    {bars.map((b) => <tr key={b.id}><th scope="row">{b.chosen ? '▶ ' : ''}<code>{b.label}</code></th><td>{b.p.toFixed(4)}</td><td>{b.model.toFixed(4)}</td></tr>)}
                  </tbody>
                </table>
              </details>
            </figure>
          )}
        </>
      )}
    </div>
  );
}

function NumberBox({ id, label, value, min, max, step, disabled, onChange }: { id: string; label: string; value: number; min: number; max: number; step: number; disabled: boolean; onChange: (v: number) => void }) {
  return (
    <div className="control dec-num">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="number" min={min} max={max} step={step} value={value} disabled={disabled}
        onChange={(e) => {
          const n = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(n)) onChange(Math.min(max, Math.max(min, Math.round(n))));
        }} />
    </div>
  );
}

export default function DecodeSteps(props: WidgetProps<DecodeStepsState>) {
  return <DecodeStepsPanel {...props} deps={defaultDeps} />;
}

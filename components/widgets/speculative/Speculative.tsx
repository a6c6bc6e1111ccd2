'use client';
/**
 * Speculative decoding, live: lm-draft proposes k tokens, lm verifies them in one call (lib/spec
 * on the page's model worker). Shows every round's accepted / rejected / resampled / bonus tokens,
 * the acceptance rate, tokens per lm call against Leviathan et al.'s formula, and tokens/s of
 * speculative vs plain decoding measured one after the other in this page.
 */
import { useCallback, useEffect, useId, useRef } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import type { WidgetProps } from '../types';
import { useCutText } from '../useCutText';
import { DRAFTS, type SpeculativeState } from './index';
import { summarize } from './layout';
import { Legend, Rounds, RoundsTable } from './Rounds';
import { useSpeculative, type Phase } from './useSpeculative';
import './speculative.css';
import { BackendSelect } from '@/components/ui/BackendSelect';

const BUSY = new Set<Phase>(['loading', 'warming', 'plain', 'speculative']);
const PHASE: Record<Phase, string> = {
  idle: 'The two models (about 5 MB) download when you press Run.',
  loading: 'Loading lm and the draft model…',
  warming: 'Warming up both models (building their graphs; not timed)…',
  plain: 'Timing plain decoding with lm alone…',
  speculative: 'Speculative decoding…',
  done: 'Done.',
  error: 'Something went wrong (see above).',
};
const fmt = (x: number | null, d = 1) => (x === null ? '—' : x.toFixed(d));

export function SpeculativePanel({ state, setState, hidden, locked, deps }: WidgetProps<SpeculativeState> & { deps: Deps }) {
  const id = useId();
  const cut = useCutText(400, (prompt) => setState({ prompt }));
  const { view, start, cancel, tokenizer } = useSpeculative(deps);
  const busy = BUSY.has(view.phase);
  const show = (k: string) => !hidden.has(k);
  const off = (k: string) => locked.has(k) || busy;
  const tokenText = useCallback((i: number) => tokenizer?.tokenText(i) ?? `#${i}`, [tokenizer]);
  const sum = summarize(view.rounds, view.k, view.spec, view.plain);
  // after the first run, a changed control re-runs (debounced)
  const ran = useRef(false);
  const key = JSON.stringify(state);
  useEffect(() => {
    if (!ran.current) return;
    const t = setTimeout(() => void start(state), 400);
    return () => clearTimeout(t);
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  const run = () => {
    ran.current = true;
    void start(state);
  };
  return (
    <div className="spec" data-phase={view.phase}>
      <div className="spec-controls">
        {show('prompt') && (
          <div className="control control-wide">
            <label htmlFor={`${id}-p`}>Prompt</label>
            <textarea id={`${id}-p`} rows={2} value={state.prompt} readOnly={locked.has('prompt')} maxLength={cut.maxLength}
              onPaste={cut.onPaste} onChange={(e) => cut.onChange(e.target.value)} spellCheck={false} />
            {cut.note && <p className="url-notes" role="status">{cut.note}</p>}
          </div>
        )}
        <div className="controls spec-sliders">
          {show('k') && (
            <div className="control">
              <label htmlFor={`${id}-k`}>Draft tokens k <output htmlFor={`${id}-k`}>{state.k}</output></label>
              <input id={`${id}-k`} type="range" min={1} max={8} step={1} value={state.k} disabled={off('k')} onChange={(e) => setState({ k: Number(e.target.value) })} />
            </div>
          )}
          {show('temperature') && (
            <div className="control">
              <label htmlFor={`${id}-t`}>Temperature <output htmlFor={`${id}-t`}>{state.temperature === 0 ? '0 (greedy)' : state.temperature.toFixed(2)}</output></label>
              <input id={`${id}-t`} type="range" min={0} max={2} step={0.05} value={state.temperature} disabled={off('temperature')} onChange={(e) => setState({ temperature: Number(e.target.value) })} />
            </div>
          )}
          {show('maxTokens') && (
            <div className="control">
              <label htmlFor={`${id}-n`}>New tokens <output htmlFor={`${id}-n`}>{state.maxTokens}</output></label>
              <input id={`${id}-n`} type="range" min={8} max={128} step={8} value={state.maxTokens} disabled={off('maxTokens')} onChange={(e) => setState({ maxTokens: Number(e.target.value) })} />
            </div>
          )}
          {show('seed') && (
            <div className="control spec-num">
              <label htmlFor={`${id}-s`}>Seed</label>
              <input id={`${id}-s`} type="number" min={0} max={4294967295} step={1} value={state.seed} disabled={off('seed')}
                onChange={(e) => { const v = Number(e.target.value); if (e.target.value !== '' && Number.isInteger(v) && v >= 0 && v <= 4294967295) setState({ seed: v }); }} />
            </div>
          )}
          {show('draft') && (
            <div className="control">
              <label htmlFor={`${id}-d`}>Draft model</label>
              <select id={`${id}-d`} value={state.draft} disabled={off('draft')} onChange={(e) => setState({ draft: e.target.value as SpeculativeState['draft'] })}>
                {DRAFTS.map((d) => <option key={d} value={d}>{d}</option>)}
              </select>
            </div>
          )}
          {show('backend') && (
            <BackendSelect id={`${id}-b`} value={state.backend} disabled={off('backend')} onChange={(backend) => setState({ backend })} label="Engine" />
          )}
        </div>
      </div>
      <div className="gen-actions">
        <button type="button" className="btn btn-primary" onClick={run} disabled={busy}>{view.phase === 'idle' ? 'Load models and run' : 'Run again'}</button>
        <button type="button" className="btn" onClick={cancel} disabled={!busy}>Cancel</button>
        {view.choice && <BackendBadge backend={view.choice.backend} reason={view.choice.reason} />}
      </div>
      {view.note && <p className="url-notes" role="alert">{view.note}</p>}
      {view.error && <p className="gen-error" role="alert">{view.error}</p>}
      {view.phase === 'loading' && view.progress?.phase === 'download' && (
        <ProgressBar loaded={view.progress.loaded} total={view.progress.total ?? 0} label="Model weights" />
      )}
      <p role="status" aria-live="polite" className="spec-phase">{PHASE[view.phase]}</p>
      {view.rounds.length > 0 && (
        <>
          <dl className="spec-stats" data-rounds={sum.rounds} data-alpha={sum.alpha.toFixed(4)} data-tokens-per-call={sum.tokensPerCall.toFixed(4)} data-speedup={sum.speedup?.toFixed(3) ?? ''}>
            <div><dt>Draft tokens accepted</dt><dd>{sum.accepted} of {sum.drafted} ({(100 * sum.acceptance).toFixed(0)}%)</dd></div>
            <div><dt>α̂ (accepted ÷ checked)</dt><dd>{sum.alpha.toFixed(2)}</dd></div>
            <div><dt>Tokens per lm call</dt><dd>{sum.tokensPerCall.toFixed(2)} <span className="muted">(formula at α̂: {sum.predictedPerCall.toFixed(2)})</span></dd></div>
            <div><dt>Speculative</dt><dd>{fmt(sum.specPerS)} tokens/s</dd></div>
            <div><dt>Plain lm</dt><dd>{fmt(sum.plainPerS)} tokens/s</dd></div>
            <div><dt>Speed-up</dt><dd>{sum.speedup === null ? '—' : `${sum.speedup.toFixed(2)}×`}</dd></div>
          </dl>
          <p className="spec-text" data-ids={view.newIds.join(',')} data-plain-ids={view.plainIds.join(',')}><span className="muted">{view.promptText}</span>{tokenizer?.decode(view.newIds)}</p>
          <Legend />
          <Rounds rounds={view.rounds} tokenText={tokenText} />
          <RoundsTable rounds={view.rounds} tokenText={tokenText} />
          {view.phase === 'done' && view.backends.length > 0 && (
            <p className="muted spec-small">Ran on {view.backends.join(' + ')}; plain and speculative decoding both go through the same worker calls, timed one after the other (the first calls, which build the graphs, are not timed).</p>
          )}
        </>
      )}
    </div>
  );
}

export default function Speculative(props: WidgetProps<SpeculativeState>) {
  return <SpeculativePanel {...props} deps={defaultDeps} />;
}

'use client';
/**
 * From logits to the next token: the `lm` model (model worker, WebGPU or WASM) scores every token
 * that could follow the prompt; the knobs reshape that distribution in the page with lib/sample
 * (no model re-run when a slider moves); Sample draws one token with a seeded generator and
 * appends it to the prompt, which re-runs the model.
 */
import { useCallback, useMemo } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { ProgressBar } from '@/components/ui/ProgressBar';
import type { WidgetProps } from '../types';
import { Bars } from './Bars';
import { Controls } from './Controls';
import type { NextTokenState } from './index';
import { drawSeeded, pct, transform } from './layout';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import { showToken } from '@/components/viz/show-token';
import { useLogits, type LogitsView } from './useLogits';
import './next-token.css';

const MAX_PROMPT = 400;

function statusText(v: LogitsView): string {
  switch (v.phase) {
    case 'idle': return 'The model (a few MB) downloads when you press Load.';
    case 'loading': return v.progress?.phase === 'verify' ? 'Checking the model file (sha256)…' : 'Loading the model…';
    case 'running': return 'Scoring the next token…';
    case 'ready': return v.logits ? `Scored ${v.logits.length} possible next tokens after ${v.ids.length} prompt tokens${v.runMs !== null ? ` in ${Math.round(v.runMs)} ms` : ''}.` : '';
    case 'error': return 'Something went wrong (see above).';
  }
}

export function NextTokenPanel({ state, setState, hidden, locked, deps }: WidgetProps<NextTokenState> & { deps: Deps }) {
  const { view, load, tokenizer } = useLogits(deps, state.prompt);
  const tokenText = useCallback((id: number) => tokenizer?.tokenText(id) ?? `#${id}`, [tokenizer]);
  const { temperature, topK, topP, minP, repetitionPenalty } = state;
  const t = useMemo(
    () => (view.logits ? transform(view.logits, { temperature, topK, topP, minP, repetitionPenalty }, view.ids) : null),
    [view.logits, view.ids, temperature, topK, topP, minP, repetitionPenalty],
  );
  const sample = () => {
    if (!t || !tokenizer) return;
    const id = drawSeeded(t.after, state.seed, view.ids.length);
    const next = state.prompt + tokenizer.decode([id]);
    if ([...next].length <= MAX_PROMPT) setState({ prompt: next });
  };
  const full = [...state.prompt].length >= MAX_PROMPT - 8;
  return (
    <div className="nt" data-phase={view.phase}>
      <Controls state={state} setState={setState} hidden={hidden} locked={locked} />
      <div className="nt-actions">
        {view.phase === 'idle' || view.phase === 'error' ? (
          <button type="button" className="btn btn-primary" onClick={() => void load()}>Load the model</button>
        ) : (
          <button type="button" className="btn btn-primary" onClick={sample} disabled={!t || view.phase !== 'ready' || full || locked.has('prompt')}>
            Sample a token
          </button>
        )}
        {view.choice && <BackendBadge backend={view.choice.backend} reason={view.choice.reason} />}
      </div>
      {view.error && <p className="nt-error" role="alert">{view.error}</p>}
      {view.note && <p className="url-notes nt-note">{view.note}</p>}
      {view.phase === 'loading' && view.progress?.phase === 'download' && (
        <ProgressBar loaded={view.progress.loaded} total={view.progress.total ?? 0} label="Model weights (lm)" />
      )}
      <p role="status" aria-live="polite" className="nt-status" data-first-ms={view.firstMs?.toFixed(0) ?? ''}>{statusText(view)}</p>
      {t && (
        <>
          <dl className="nt-stats">
            <div><dt>Tokens kept</dt><dd data-kept={t.kept}>{t.kept} of {t.after.length}</dd></div>
            <div><dt>Model mass kept</dt><dd data-kept-mass={t.keptMass.toFixed(6)}>{pct(t.keptMass)}</dd></div>
            <div><dt>Entropy before → after</dt><dd data-entropy-after={t.entropyAfter.toFixed(6)}>{t.entropyBefore.toFixed(2)} → {t.entropyAfter.toFixed(2)} nats</dd></div>
          </dl>
          <Bars t={t} tokenText={tokenText} />
          <p className="nt-small muted">
            Sample draws from the after-distribution with seed {state.seed} + {view.ids.length} (the prompt&apos;s token count), so this
            link reproduces it. The most likely token now is <code>{showToken(tokenText(argmaxOf(t.after)))}</code>.
          </p>
        </>
      )}
    </div>
  );
}

function argmaxOf(p: Float64Array): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
  return best;
}

export default function NextToken(props: WidgetProps<NextTokenState>) {
  return <NextTokenPanel {...props} deps={defaultDeps} />;
}

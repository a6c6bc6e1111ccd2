'use client';
/**
 * Type a prompt, watch it generate: the `lm` model runs in the model worker (lib/runtime, WebGPU
 * or WASM), tokens stream in, then one tapped forward pass gives the last step's distribution
 * and one attention head's map. The model code and weights load ahead of the click, while the
 * student reads (usePrefetch), or at the latest on the first Generate click.
 */
import { useCallback, useMemo, useRef } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { ProgressBar } from '@/components/ui/ProgressBar';
import type { WidgetProps } from '../types';
import type { GenerateState } from './index';
import { AttentionMap } from './AttentionMap';
import { Controls } from './Controls';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import { ProbBars } from './ProbBars';
import { RunStatus } from './RunStatus';
import { useGenerator } from './useGenerator';
import { usePrefetch } from './usePrefetch';
import './generate.css';

const BUSY = new Set(['loading', 'choosing', 'generating', 'tapping']);

export function GeneratePanel({ state, setState, hidden, locked, deps }: WidgetProps<GenerateState> & { deps: Deps }) {
  const { view, start, stop, tokenizer, prefetch } = useGenerator(deps);
  const root = useRef<HTMLDivElement>(null);
  const warm = useCallback(() => void prefetch(state.backend), [prefetch, state.backend]);
  usePrefetch(root, warm);
  const busy = BUSY.has(view.phase);
  const decode = view.choices[1];
  const tokenText = useCallback((id: number) => tokenizer?.tokenText(id) ?? `#${id}`, [tokenizer]);
  const tokens = useMemo(() => [...view.promptIds, ...view.newIds].map((i) => tokenText(i)), [view.promptIds, view.newIds, tokenText]);
  return (
    <div className="gen" data-phase={view.phase} ref={root} onPointerEnter={warm} onFocus={warm}>
      <Controls state={state} setState={setState} hidden={hidden} locked={locked} busy={busy} onGenerate={() => void start(state)} />
      <div className="gen-actions">
        <button type="button" className="btn btn-primary" onClick={() => void start(state)} disabled={busy}>
          {view.phase === 'idle' ? 'Load model and generate' : 'Generate'}
        </button>
        <button type="button" className="btn" onClick={stop} disabled={view.phase !== 'generating'}>
          Stop
        </button>
        {decode && <BackendBadge backend={decode.backend} reason={decode.reason} />}
      </div>
      {view.note && <p className="url-notes gen-note" role="alert">{view.note}</p>}
      {view.error && <p className="gen-error" role="alert">{view.error}</p>}
      {view.phase === 'loading' && view.progress?.phase === 'download' && (
        <ProgressBar loaded={view.progress.loaded} total={view.progress.total ?? 0} label="Model weights (lm)" />
      )}
      <RunStatus view={view} />
      {(view.promptIds.length > 0 || view.text) && (
        <p className="gen-output" aria-busy={view.phase === 'generating'} data-new-tokens={view.newIds.length} data-ids={view.newIds.join(',')}>
          <span className="gen-prompt">{view.promptText}</span>
          <span className="gen-new">{view.text}</span>
          {view.phase === 'generating' && <span className="gen-caret" aria-hidden="true">▍</span>}
        </p>
      )}
      {view.phase === 'done' && view.next && view.attention && (
        <div className="gen-figures">
          <ProbBars next={view.next} tokenText={tokenText} />
          <AttentionMap attention={view.attention} layer={state.layer} head={state.head} tokens={tokens}
            onPick={setState} hidden={hidden} locked={locked} />
        </div>
      )}
    </div>
  );
}

export default function Generate(props: WidgetProps<GenerateState>) {
  return <GeneratePanel {...props} deps={defaultDeps} />;
}

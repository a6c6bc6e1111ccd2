'use client';
/**
 * The logit lens: `lm` (model worker, WebGPU or WASM) runs its 'lens' graph on the student's
 * prompt; the residual stream after every block goes through the model's own final RMSNorm and
 * output layer inside the graph. The grid shows each stream point × position's top token (shade
 * √p); the top-k view shows one position's top k per stream point and where the model's final
 * answer ranks. Softmax, top-k and ranks: lib/interp/lens-readout.ts. Nothing is precomputed.
 */
import { useId, useMemo } from 'react';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import { finalTokenTrace, formsAt, lensReadout, streamLabel } from '@/lib/interp/lens-readout';
import type { WidgetProps } from '../types';
import type { LensState } from './index';
import { LensGrid } from './LensGrid';
import { LensTopk } from './LensTopk';
import { LiveControls } from './LiveControls';
import { pickPos, visible } from './layout';
import { usePromptLens } from './useLens';
import './lens.css';

export function LensPanel({ state, setState, hidden, locked, deps }: WidgetProps<LensState> & { deps: Deps }) {
  const id = useId();
  const { view, start, tokens, tokenText, cut } = usePromptLens(deps, state.text, state.backend);
  const run = view.run;
  const T = run?.ids.length ?? 0;
  const pos = pickPos(state.pos, Math.max(1, T));
  const k = Math.max(1, state.k);
  const read = useMemo(() => {
    if (!run) return null;
    const cells = lensReadout(run.lens, run.lensDims, Math.max(k, 1));
    const trace = finalTokenTrace(run.lens, run.lensDims, run.logits);
    return { cells, trace };
  }, [run, k]);
  const N = read?.cells.length ?? 0;
  const formed = read && T > 0 ? formsAt(read.trace, pos) : null;
  const fin = read && T > 0 ? read.trace[N - 1][pos] : null;
  return (
    <div className="ll" data-widget="logit-lens" data-phase={view.phase} data-ran={view.ran ?? ''} data-update-ms={view.updateMs?.toFixed(0) ?? ''} data-forms-at={formed ?? ''}>
      <LiveControls text={state.text} pos={pos} backend={state.backend} tokens={tokens} cut={cut} maxText={300} view={view}
        hidden={hidden} locked={locked} set={(p) => setState(p)} onLoad={() => void start()}>
        {!hidden.has('view') && (
          <div className="control">
            <label htmlFor={`${id}-view`}>Show</label>
            <select id={`${id}-view`} value={state.view} disabled={locked.has('view')} onChange={(e) => setState({ view: e.target.value as LensState['view'] })}>
              <option value="grid">top token per layer × position</option>
              <option value="topk">top k at one position</option>
            </select>
          </div>
        )}
        {state.view === 'topk' && !hidden.has('k') && (
          <div className="control">
            <label htmlFor={`${id}-k`}>k</label>
            <input id={`${id}-k`} type="number" min={1} max={10} value={state.k} disabled={locked.has('k')}
              onChange={(e) => setState({ k: Math.max(1, Math.min(10, Math.round(Number(e.target.value) || 1))) })} />
          </div>
        )}
      </LiveControls>
      {read && fin && formed !== null && (
        <p className="ll-summary" data-final={fin.id}>
          At position {pos} (<code>{visible(tokens[pos] ?? '')}</code>) the model&apos;s answer is <code>{visible(tokenText(fin.id))}</code> with
          p = {fin.prob.toFixed(3)}. {formed === N - 1
            ? 'It is top-1 only at the very end, after the last block.'
            : `It is top-1 ${formed === 0 ? 'already in the embedding' : `in the stream ${streamLabel(formed)}`} and stays there.`}
        </p>
      )}
      {read && state.view === 'grid' && (
        <LensGrid cells={read.cells} trace={read.trace} tokens={tokens} tokenText={tokenText} pos={pos}
          locked={locked.has('pos')} onPos={(p) => setState({ pos: p })} />
      )}
      {read && state.view === 'topk' && <LensTopk cells={read.cells} trace={read.trace} pos={pos} tokenText={tokenText} />}
    </div>
  );
}

export default function LogitLens(props: WidgetProps<LensState>) {
  return <LensPanel {...props} deps={defaultDeps} />;
}

'use client';
/**
 * The depth × length grid of lib/eval/needle.ts run live on lm: one forward per trial in the
 * model worker; each cell is the fraction of trials where the planted name beats the other nine.
 */
import { useId } from 'react';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import { needleGrid, type NeedleCell } from '@/lib/eval/needle';
import { valWindows } from '@/lib/longctx/val-windows';
import type { WidgetProps } from '../types';
import { RunBar } from '../eval-common/RunBar';
import { useEvalJob } from '../eval-common/useEvalJob';
import type { NeedleState } from './index';
import '../eval-common/eval.css';

export const DEPTHS = [0, 0.25, 0.5, 0.75, 1];
export const lengthsUpTo = (max: number) => [128, 256, 512, 1024].filter((n) => n <= max);
const TRAIN = 256;

export function NeedlePanel({ state, setState, hidden, locked, deps }: WidgetProps<NeedleState> & { deps: Deps }) {
  const id = useId();
  const lengths = lengthsUpTo(Number(state.maxLength));
  const seeds = Array.from({ length: state.seeds }, (_, i) => i + 1);
  const { view, result, start, cancel } = useEvalJob<NeedleCell[]>(deps, ['lm'], state.backend, `${state.seeds}|${state.maxLength}|${state.backend}`, async (c) =>
    needleGrid({ lengths, depths: DEPTHS, seeds }, valWindows(), (s) => c.tok.encode(s), c.forward('lm'), { signal: c.signal, onStep: c.progress }));
  const cell = (n: number, d: number) => result?.find((x) => x.length === n && x.depth === d);
  return (
    <div className="ev" data-phase={view.phase}>
      <div className="controls">
        {!hidden.has('seeds') && (
          <div className="control">
            <label htmlFor={`${id}-s`}>Trials per cell</label>
            <select id={`${id}-s`} value={state.seeds} disabled={locked.has('seeds')} onChange={(e) => setState({ seeds: Number(e.target.value) })}>
              {[...new Set([1, 2, 4, 8, 16, state.seeds])].sort((a, b) => a - b).map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </div>
        )}
        {!hidden.has('maxLength') && (
          <div className="control">
            <label htmlFor={`${id}-l`}>Longest context</label>
            <select id={`${id}-l`} value={state.maxLength} disabled={locked.has('maxLength')} onChange={(e) => setState({ maxLength: e.target.value as NeedleState['maxLength'] })}>
              {(['256', '512', '1024'] as const).map((n) => <option key={n} value={n}>{n} tokens ({Number(n) / TRAIN}× training)</option>)}
            </select>
          </div>
        )}
        {!hidden.has('backend') && (
          <div className="control">
            <label htmlFor={`${id}-e`}>Engine</label>
            <select id={`${id}-e`} value={state.backend} disabled={locked.has('backend')} onChange={(e) => setState({ backend: e.target.value as NeedleState['backend'] })}>
              <option value="auto">Auto (measured)</option><option value="webgpu">WebGPU</option><option value="wasm">WASM (CPU)</option>
            </select>
          </div>
        )}
      </div>
      <RunBar view={view} start={() => void start()} cancel={cancel} unit="trials"
        idleText={`Press Run: lm reads ${lengths.length * DEPTHS.length * state.seeds} haystacks with a planted name and is asked for it, in your browser.`} />
      {result && (
        <div className="ev-wrap" tabIndex={0} role="region" aria-label="Retrieval accuracy by depth and length">
          <table className="ev-grid">
            <caption>Planted name picked among 10 (chance 10%); rows: context length, columns: needle depth</caption>
            <thead><tr><th scope="col">Tokens</th>{DEPTHS.map((d) => <th key={d} scope="col">{100 * d}%</th>)}</tr></thead>
            <tbody>
              {lengths.map((n) => (
                <tr key={n}>
                  <th scope="row">{n}{n > TRAIN ? ' ▲' : ''}</th>
                  {DEPTHS.map((d) => {
                    const c = cell(n, d);
                    const a = c ? c.picked / c.trials : NaN;
                    return (
                      <td key={d} data-cell={`${n}@${d}`} data-acc={c ? a.toFixed(4) : ''}
                        style={{ background: c ? `color-mix(in srgb, var(--accent) ${Math.round(100 * a)}%, var(--bg))` : undefined, color: a > 0.55 ? 'var(--accent-fg)' : 'var(--fg)', textAlign: 'center' }}>
                        {c ? `${Math.round(100 * a)}%` : '–'}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result && (
        <details className="hint">
          <summary>Data table</summary>
          <div className="ev-wrap" tabIndex={0} role="region" aria-label="Every cell">
            <table>
              <thead><tr><th scope="col">Tokens</th><th scope="col">Depth</th><th scope="col">Picked</th><th scope="col">Greedy</th><th scope="col">ln p</th></tr></thead>
              <tbody>
                {result.map((c) => (
                  <tr key={`${c.length}@${c.depth}`}>
                    <th scope="row">{c.length}</th><td>{100 * c.depth}%</td><td>{c.picked}/{c.trials}</td><td>{c.greedy}/{c.trials}</td><td>{c.meanKeyLogProb.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
      <p className="ev-small">
        ▲ longer than lm&apos;s training length of {TRAIN} tokens. Depth 0% puts the needle (&ldquo;The lady was Miss Bates. Remember it.&rdquo;) at the start of the context, 100% right
        before the question &ldquo;The lady was Miss&rdquo;. Picked: the name has the highest logit among the 10 candidate surnames. Greedy: it is the single most likely next token. ln p: the
        mean log-probability of the name.
      </p>
    </div>
  );
}

export default function Needle(props: WidgetProps<NeedleState>) {
  return <NeedlePanel {...props} deps={defaultDeps} />;
}

'use client';
/**
 * The depth × length grid of lib/eval/needle.ts run live on lm: one forward per trial in the
 * model worker; each cell is the fraction of trials where the planted name beats the other nine.
 */
import { useId } from 'react';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import { needleGrid, type NeedleCell } from '@/lib/eval/needle';
import { valWindows } from '@/lib/longctx/val-windows';
import { BackendSelect } from '@/components/ui/BackendSelect';
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
  const { view, result, start, cancel } = useEvalJob<{ cells: NeedleCell[]; control: NeedleCell[] }>(deps, ['lm'], state.backend, `${state.seeds}|${state.maxLength}|${state.backend}`, async (c) => {
    const total = lengths.length * (DEPTHS.length + 1) * seeds.length;
    const encode = (s: string) => c.tok.encode(s);
    const control = await needleGrid({ lengths, depths: [1], seeds, withNeedle: false }, valWindows(), encode, c.forward('lm'), { signal: c.signal, onStep: (d) => c.progress(d, total) });
    const off = control.length * seeds.length;
    const cells = await needleGrid({ lengths, depths: DEPTHS, seeds }, valWindows(), encode, c.forward('lm'), { signal: c.signal, onStep: (d) => c.progress(off + d, total) });
    return { cells, control };
  });
  const cell = (n: number, d: number | null) => (d === null ? result?.control.find((x) => x.length === n) : result?.cells.find((x) => x.length === n && x.depth === d));
  const value = (c: NeedleCell) => (state.show === 'picked' ? c.picked / c.trials : state.show === 'greedy' ? c.greedy / c.trials : c.meanKeyLogProb);
  const shade = (c: NeedleCell) => (state.show === 'logp' ? Math.min(1, Math.max(0, 1 + c.meanKeyLogProb / 12)) : value(c));
  const fmt = (c: NeedleCell) => (state.show === 'logp' ? c.meanKeyLogProb.toFixed(1) : `${Math.round(100 * value(c))}%`);
  const CAPTION = {
    picked: 'Planted name picked among the 10 candidates (uniform guess: 10%)',
    greedy: 'Planted name is the single most likely next token',
    logp: 'Mean ln p of the planted name (0 = certain; darker = higher)',
  }[state.show];
  return (
    <div className="ev" data-phase={view.phase}>
      <div className="controls">
        {!hidden.has('seeds') && (
          <div className="control">
            <label htmlFor={`${id}-s`}>Trials per cell</label>
            <select id={`${id}-s`} value={state.seeds} disabled={locked.has('seeds')} onChange={(e) => setState({ seeds: Number(e.target.value) })}>
              {[...new Set([1, 2, 4, 8, 16, 20, state.seeds])].sort((a, b) => a - b).map((n) => <option key={n} value={n}>{n}</option>)}
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
        {!hidden.has('show') && (
          <div className="control">
            <label htmlFor={`${id}-v`}>Cells show</label>
            <select id={`${id}-v`} value={state.show} disabled={locked.has('show')} onChange={(e) => setState({ show: e.target.value as NeedleState['show'] })}>
              <option value="picked">Picked among 10</option><option value="greedy">Greedy answer</option><option value="logp">ln p of the name</option>
            </select>
          </div>
        )}
        {!hidden.has('backend') && (
          <BackendSelect id={`${id}-e`} value={state.backend} disabled={locked.has('backend')} onChange={(backend) => setState({ backend })} label="Engine" wasmText="WASM (CPU)" />
        )}
      </div>
      <RunBar view={view} start={() => void start()} cancel={cancel} unit="trials"
        idleText={`Press Run: lm reads ${lengths.length * (DEPTHS.length + 1) * state.seeds} haystacks with a planted name and is asked for it, in your browser.`} />
      {result && (
        <div className="ev-wrap" tabIndex={0} role="region" aria-label="Retrieval accuracy by depth and length">
          <table className="ev-grid">
            <caption>{CAPTION}. Rows: context length; columns: needle depth, and the control with no needle</caption>
            <thead><tr><th scope="col">Tokens</th>{DEPTHS.map((d) => <th key={d} scope="col">{100 * d}%</th>)}<th scope="col">None</th></tr></thead>
            <tbody>
              {lengths.map((n) => (
                <tr key={n}>
                  <th scope="row">{n}{n > TRAIN ? ' ▲' : ''}</th>
                  {[...DEPTHS, null].map((d) => {
                    const c = cell(n, d);
                    const a = c ? shade(c) : 0;
                    return (
                      <td key={String(d)} data-cell={`${n}@${d ?? 'none'}`} data-value={c ? value(c).toFixed(4) : ''}
                        style={{ background: c ? `color-mix(in srgb, var(--accent) ${Math.round(100 * a)}%, var(--bg))` : undefined, color: a > 0.55 ? 'var(--accent-fg)' : 'var(--fg)', textAlign: 'center' }}>
                        {c ? fmt(c) : '–'}
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
                {[...result.control, ...result.cells].map((c, i) => (
                  <tr key={i}>
                    <th scope="row">{c.length}</th><td>{i < result.control.length ? 'none' : `${100 * c.depth}%`}</td><td>{c.picked}/{c.trials}</td><td>{c.greedy}/{c.trials}</td><td>{c.meanKeyLogProb.toFixed(2)}</td>
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
        mean log-probability of the name. None: the same contexts and question with no needle — the model&apos;s favourite names alone.
      </p>
    </div>
  );
}

export default function Needle(props: WidgetProps<NeedleState>) {
  return <NeedlePanel {...props} deps={defaultDeps} />;
}

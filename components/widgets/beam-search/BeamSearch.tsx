'use client';
/**
 * Beam search drawn: `lm` (model worker, WebGPU or WASM) runs lib/sample's beamSearch with the
 * chosen width; every step's kept beams become a column of the tree. Greedy (width 1) runs too,
 * so the two can be compared on summed log-probability. `lm` has no end-of-text token, so every
 * hypothesis has the same length and a length penalty could not change the ranking: scores are
 * plain sums of log-probabilities (lengthPenalty 0).
 */
import { useCallback, useId, useMemo } from 'react';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import { showToken } from '@/components/viz/show-token';
import { beamSearch, type BeamStep, type Hypothesis } from '@/lib/sample/beam';
import type { WidgetProps } from '../types';
import { DecodeActions } from '../decode-common/DecodeActions';
import { Cancelled, useJob } from '../decode-common/useJob';
import { useLm } from '../decode-common/useLm';
import { useCutText } from '../useCutText';
import { MAX_PROMPT, type BeamSearchState } from './index';
import { beamTree, COL_W, NODE_H, NODE_W } from './layout';
import '../decode-common/decode.css';

interface Result {
  steps: BeamStep[];
  hyps: Hypothesis[];
  greedy: Hypothesis;
  runs: number;
}

export function BeamSearchPanel({ state, setState, hidden, locked, deps }: WidgetProps<BeamSearchState> & { deps: Deps }) {
  const id = useId();
  const { view: lm, load, nextLogits } = useLm(deps);
  const tok = lm.tokenizer;
  const tokenText = useCallback((t: number) => showToken(tok?.tokenText(t) ?? `#${t}`), [tok]);
  const cut = useCutText(MAX_PROMPT, (prompt) => setState({ prompt }));
  const { prompt, width, steps } = state;
  const key = JSON.stringify([prompt, width, steps]);
  const { job, cancel } = useJob<Result>(key, lm.phase === 'ready' && !!tok && prompt.trim() !== '', async (signal, progress) => {
    const ids = tok!.encode(prompt).slice(-(lm.context - 12));
    const total = steps * width + steps; // at most: width runs per step, plus greedy
    let runs = 0;
    const step = async (s: readonly number[]) => {
      if (signal.aborted) throw new Cancelled();
      const out = await nextLogits(s);
      progress(++runs, total);
      return out;
    };
    const [greedy] = await beamSearch({ nextLogits: step, prompt: ids, beamWidth: 1, maxNewTokens: steps, lengthPenalty: 0 });
    const trace: BeamStep[] = [];
    const hyps = await beamSearch({ nextLogits: step, prompt: ids, beamWidth: width, maxNewTokens: steps, lengthPenalty: 0, onStep: (s) => trace.push(s) });
    return { steps: trace, hyps, greedy, runs };
  });
  const r = job.result;
  const tree = useMemo(() => (r ? beamTree(r.steps, r.hyps[0]?.newIds ?? [], r.greedy.newIds) : null), [r]);
  const show = (k: string) => !hidden.has(k);
  const text = (ids: readonly number[]) => ids.map(tokenText).join('');

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
          {show('width') && (
            <div className="control">
              <label htmlFor={`${id}-w`}>Beam width <output>{width}{width === 1 ? ' (greedy)' : ''}</output></label>
              <input id={`${id}-w`} type="range" min={1} max={5} step={1} value={width} disabled={locked.has('width')} onChange={(e) => setState({ width: Number(e.target.value) })} />
            </div>
          )}
          {show('steps') && (
            <div className="control">
              <label htmlFor={`${id}-s`}>Tokens <output>{steps}</output></label>
              <input id={`${id}-s`} type="range" min={1} max={10} step={1} value={steps} disabled={locked.has('steps')} onChange={(e) => setState({ steps: Number(e.target.value) })} />
            </div>
          )}
        </div>
      </div>
      <DecodeActions lm={lm} job={job} load={load} cancel={cancel} unit="Model runs" prompt={prompt}
        emptyPrompt={'Type a prompt: the search continues it.'} running={'Searching…'}
        done={r ? `Searched with ${r.runs} model runs (greedy included) in ${Math.round(job.ms ?? 0)} ms.` : ''} />
      {r && tree && (
        <>
          <figure className="dec-figure">
            <figcaption>
              Columns are steps; each box is a kept beam: its newest token and the sum of log-probabilities of its tokens so far. Thick outline:
              the best hypothesis; dashed: greedy&apos;s path.
            </figcaption>
            <div className="dec-scroll" tabIndex={0} role="region" aria-label="Beam tree (scrolls sideways)">
              <svg className="dec-tree" width={tree.width} height={tree.height} viewBox={`0 0 ${tree.width} ${tree.height}`} role="img"
                aria-label={`Beam tree: ${r.steps.length} steps, width ${width}`}>
                {tree.nodes.filter((n) => n.parentY !== null).map((n) => (
                  <path key={`e${n.step}-${n.rank}`} className={`dec-edge${n.best ? ' dec-best' : ''}`}
                    d={`M${n.x - COL_W + NODE_W},${n.parentY! + NODE_H / 2} C${n.x - 6},${n.parentY! + NODE_H / 2} ${n.x - 8},${n.y + NODE_H / 2} ${n.x},${n.y + NODE_H / 2}`} />
                ))}
                {tree.nodes.map((n) => (
                  <g key={`n${n.step}-${n.rank}`} className={`dec-node${n.best ? ' dec-best' : ''}${n.greedy ? ' dec-greedy' : ''}`} transform={`translate(${n.x}, ${n.y})`}>
                    <rect width={NODE_W} height={NODE_H} rx={4} />
                    <text x={5} y={12}>{tokenText(n.id).slice(0, 11)}</text>
                    <text className="dec-lp" x={5} y={25}>{n.logProb.toFixed(2)}</text>
                  </g>
                ))}
              </svg>
            </div>
          </figure>
          <table className="dec-table">
            <caption>Final hypotheses (best first) and greedy</caption>
            <thead><tr><th scope="col">Text</th><th scope="col">Σ log p</th><th scope="col">p</th></tr></thead>
            <tbody>
              {r.hyps.map((h, i) => (
                <tr key={i}><th scope="row">{i === 0 ? 'Best: ' : ''}<code>{text(h.newIds)}</code></th><td>{h.logProb.toFixed(3)}</td><td>{Math.exp(h.logProb).toExponential(2)}</td></tr>
              ))}
              <tr><th scope="row">Greedy: <code>{text(r.greedy.newIds)}</code></th><td>{r.greedy.logProb.toFixed(3)}</td><td>{Math.exp(r.greedy.logProb).toExponential(2)}</td></tr>
            </tbody>
          </table>
          <details>
            <summary>Data table</summary>
            <table className="dec-table">
              <caption>Every kept beam, step by step</caption>
              <thead><tr><th scope="col">Step</th><th scope="col">Beam</th><th scope="col">Token</th><th scope="col">log p</th><th scope="col">Σ log p</th></tr></thead>
              <tbody>
                {tree.nodes.map((n) => (
                  <tr key={`${n.step}-${n.rank}`}><td>{n.step + 1}</td><td>{n.rank + 1}{n.best ? ' (best)' : ''}</td><td><code>{tokenText(n.id)}</code></td><td>{n.tokenLogProb.toFixed(3)}</td><td>{n.logProb.toFixed(3)}</td></tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </div>
  );
}

export default function BeamSearch(props: WidgetProps<BeamSearchState>) {
  return <BeamSearchPanel {...props} deps={defaultDeps} />;
}

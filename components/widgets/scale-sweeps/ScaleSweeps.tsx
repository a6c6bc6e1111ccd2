'use client';
/**
 * The lab's own sweeps (training/sweeps/round*-results.json): validation loss against parameters
 * or compute, colour = sweep round, filled = used by the fit; the least-squares fit runs in the
 * page (lib/scale/fit.ts) whenever a control changes.
 */
import { useMemo } from 'react';
import { formatCount } from '@/lib/scale';
import { useWidth } from '@/components/ui/useWidth';
import type { WidgetProps } from '../types';
import type { ScaleSweepsState } from './index';
import { makeAxes, pathOf, pow10 } from '../scale-common/chart';
import { DataTable, Select } from '../scale-common/Fields';
import { Frame } from '../scale-common/Frame';
import { sweepsView, X_LABEL } from './layout';
import '../scale-common/scale.css';

const ROUND_CLASS: Record<string, string> = { round1: 'sc-c1', round2: 'sc-c2', round3: 'sc-c0' };
const M = { top: 10, right: 14, bottom: 40, left: 54 };

export default function ScaleSweeps({ state, setState, hidden, locked }: WidgetProps<ScaleSweepsState>) {
  const v = useMemo(() => sweepsView(state), [state]);
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const a = useMemo(() => makeAxes({ width: Math.max(280, width), height: 280, margin: M, xDomain: v.xDomain, yDomain: v.yDomain, xFormat: state.x === 'flops' ? pow10 : formatCount }), [v, width, state.x]);
  const used = new Set(v.used);
  const fitText = v.fit.kind === 'power'
    ? `L ≈ ${v.fit.a.toFixed(3)} · x^(−${v.fit.alpha.toFixed(4)}),  R² (log–log) = ${v.fit.r2.toFixed(3)}`
    : `L ≈ ${v.fit.E.toFixed(3)} + ${v.fit.A.toPrecision(3)} · x^(−${v.fit.alpha.toFixed(4)}),  RMS error ${v.fit.rmse.toFixed(4)}`;
  return (
    <div className="sc" ref={ref} data-alpha={v.fit.alpha} data-used={v.used.length}>
      <div className="controls sc-controls">
        {!hidden.has('x') && <Select name="x" label="x axis" value={state.x} locked={locked} onChange={(x) => setState({ x })}
          options={[['params', 'parameters'], ['nonEmbedding', 'non-embedding parameters'], ['flops', 'compute 6ND']]} />}
        {!hidden.has('runs') && <Select name="runs" label="Fit on" value={state.runs} locked={locked} onChange={(runs) => setState({ runs })}
          options={[['best256', 'best run per size (context 256)'], ['all256', 'all context-256 runs'], ['all', 'all runs']]} />}
        {!hidden.has('fit') && <Select name="fit" label="Fit" value={state.fit} locked={locked} onChange={(fit) => setState({ fit })}
          options={[['power', 'power law a·x^−α'], ['floor', 'with a floor E + A·x^−α']]} />}
      </div>
      <p className="sc-stats"><span data-testid="fit">{fitText}</span> <span className="sc-small">on {v.used.length} runs</span></p>
      {v.warning && <p className="sc-note" role="status">{v.warning}</p>}
      {v.caveat && <p className="sc-small" data-testid="caveat">{v.caveat}</p>}
      <figure className="sc-figure">
        <figcaption>
          <span className="sc-key sc-c1" aria-hidden="true" />round 1 <span className="sc-key sc-c2" aria-hidden="true" />round 2
          <span className="sc-key sc-c0" aria-hidden="true" />round 3 · hollow: not in the fit · line: the fit
        </figcaption>
        <Frame a={a} xTitle={`${X_LABEL[state.x]} (log)`} yTitle="validation loss (nats)"
          label={`Validation loss of ${v.all.length} runs against ${X_LABEL[state.x]}; fit ${fitText}.`}>
          <path className="sc-line sc-line-2" style={{ strokeDasharray: 'none', stroke: 'var(--fg)' }} d={pathOf(a, v.curve)} />
          {v.all.map((p) => (
            <circle key={`${p.round}-${p.id}`} className={ROUND_CLASS[p.round]} cx={a.x(v.xs(p))} cy={a.y(p.valLoss)} r={used.has(p) ? 5 : 4}
              fillOpacity={used.has(p) ? 1 : 0} strokeWidth={1.5} data-used={used.has(p) ? 1 : 0} />
          ))}
        </Frame>
      </figure>
      <DataTable caption="Every sweep run (tokens = best step × 64 × context length)" head={['Run', 'Round', 'Params', 'Non-emb.', 'Context', 'Data', 'Dropout', 'Best step', 'Tokens', 'Val loss', 'In fit']}
        rows={v.all.map((p) => [p.id, p.round.replace('round', ''), p.params.toLocaleString('en-US'), p.nonEmbedding.toLocaleString('en-US'), p.contextLength, p.data, p.dropout, p.bestStep, formatCount(p.tokens), p.valLoss.toFixed(3), used.has(p) ? 'yes' : ''])} />
      <p className="sc-small">Measured once on an H100 when the lab&apos;s models were trained (see training/README.md); the page reads those results and fits them live.</p>
    </div>
  );
}

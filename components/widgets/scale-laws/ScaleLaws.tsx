'use client';
/**
 * Compute-optimal allocation: pick a training budget C; the first chart is the loss the Chinchilla
 * fit predicts along 6ND = C (bigger model ⇄ fewer tokens), the second places the allocations next
 * to the models of Hoffmann et al. 2022, Table 1. Formulas only: nothing is trained here.
 */
import { useMemo } from 'react';
import { formatCount, TABLE1_MODELS } from '@/lib/scale';
import { useWidth } from '@/components/ui/useWidth';
import type { WidgetProps } from '../types';
import type { ScaleLawsState } from './index';
import { makeAxes, pathOf } from '../scale-common/chart';
import { DataTable, TableWrap } from '../scale-common/Fields';
import { Frame } from '../scale-common/Frame';
import { lawsView, N_DOMAIN, sci } from './layout';
import '../scale-common/scale.css';

const M = { top: 10, right: 12, bottom: 40, left: 54 };

/** A chart label on a small opaque patch, so lines under it do not hurt its contrast. */
function Tag({ x, y, anchor, text }: { x: number; y: number; anchor: 'start' | 'middle' | 'end'; text: string }) {
  const w = text.length * 6.2 + 4;
  const left = anchor === 'start' ? x - 2 : anchor === 'end' ? x - w + 2 : x - w / 2;
  return (
    <g>
      <rect x={left} y={y - 10} width={w} height={14} rx={2} style={{ fill: 'var(--bg-raised)' }} />
      <text className="sc-label" x={x} y={y} textAnchor={anchor}>{text}</text>
    </g>
  );
}

export default function ScaleLaws({ state, setState, hidden, locked }: WidgetProps<ScaleLawsState>) {
  const v = useMemo(() => lawsView(state.logC), [state.logC]);
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const w = Math.max(280, width);
  const lossAxes = useMemo(() => {
    const ys = v.iso.map((p) => p[1]);
    const lo = Math.min(...ys);
    return makeAxes({ width: w, height: 240, margin: M, xDomain: N_DOMAIN, yDomain: [Math.max(1.69, lo - 0.05), Math.min(lo + 1.5, Math.max(...ys))] });
  }, [v, w]);
  const mapAxes = useMemo(() => makeAxes({ width: w, height: 260, margin: M, xDomain: [1e7, 1e13], yDomain: [1e8, 1e15], yLog: true }), [w]);
  const twentyLine = pathOf(mapAxes, [[1e7, 2e8], [1e13, 2e14]]);
  const isoLine = pathOf(mapAxes, [[1e7, v.C / 6e7], [1e13, v.C / 6e13]]);
  const id = 'logC';
  return (
    <div className="sc" ref={ref} data-c={v.C} data-fitted-n={v.fitted.params} data-twenty-n={v.twenty.params}>
      {!hidden.has('logC') && (
        <div className="sc-range control">
          <label htmlFor={`sc-${id}`}>Training compute C = {sci(v.C)} FLOPs</label>
          <input id={`sc-${id}`} type="range" min={17} max={27} step={0.02} value={state.logC} disabled={locked.has('logC')}
            aria-valuetext={`${sci(v.C)} FLOPs`} onChange={(e) => setState({ logC: Number(e.target.value) })} />
        </div>
      )}
      <TableWrap label="Two ways to spend the budget">
        <table className="sc-table">
          <caption>Two ways to spend C = 6ND</caption>
          <thead><tr><th scope="col">Rule</th><th scope="col">Parameters N</th><th scope="col">Tokens D</th><th scope="col">D / N</th><th scope="col">Fitted loss</th></tr></thead>
          <tbody>
            <tr><th scope="row">20 tokens per parameter</th><td data-testid="twenty-n">{formatCount(v.twenty.params)}</td><td>{formatCount(v.twenty.tokens)}</td><td>20</td><td>{v.twenty.loss.toFixed(3)}</td></tr>
            <tr><th scope="row">Optimum of the fitted L(N, D)</th><td data-testid="fitted-n">{formatCount(v.fitted.params)}</td><td>{formatCount(v.fitted.tokens)}</td><td>{v.fitted.tokensPerParam.toFixed(1)}</td><td>{v.fitted.loss.toFixed(3)}</td></tr>
          </tbody>
        </table>
      </TableWrap>
      <p className="sc-small">
        A 10× larger budget: Kaplan et al.&apos;s exponents grow the model {v.growth10.kaplan.params.toFixed(2)}× and the data {v.growth10.kaplan.tokens.toFixed(2)}×;
        Chinchilla&apos;s grow both about {v.growth10.chinchilla.params.toFixed(2)}×.
      </p>
      <figure className="sc-figure">
        <figcaption><span className="sc-key sc-c0" aria-hidden="true" />loss along the budget <span className="sc-key sc-c1" aria-hidden="true" />20 tokens/param <span className="sc-key sc-c2" aria-hidden="true" />fit&apos;s optimum</figcaption>
        <Frame a={lossAxes} xTitle="parameters N (log)" yTitle="predicted loss"
          label={`Chinchilla-fit loss along C = ${sci(v.C)}: lowest ${v.fitted.loss.toFixed(3)} at ${formatCount(v.fitted.params)} parameters; the 20-tokens rule gives ${v.twenty.loss.toFixed(3)} at ${formatCount(v.twenty.params)}.`}>
          <path className="sc-line sc-line-0" d={pathOf(lossAxes, v.iso)} />
          <circle className="sc-c1" cx={lossAxes.x(v.twenty.params)} cy={lossAxes.y(v.twenty.loss)} r={5} />
          <circle className="sc-c2" cx={lossAxes.x(v.fitted.params)} cy={lossAxes.y(v.fitted.loss)} r={5} />
        </Frame>
      </figure>
      <figure className="sc-figure">
        <figcaption>
          <span className="sc-key sc-c1" aria-hidden="true" />D = 20 N <span className="sc-key sc-c2" aria-hidden="true" />fit&apos;s optimum as C grows
          <span className="sc-key sc-c4" aria-hidden="true" />your budget C <span className="sc-key sc-c3" aria-hidden="true" />Table 1 models
        </figcaption>
        <Frame a={mapAxes} xTitle="parameters N" yTitle="training tokens D"
          label={`Parameters against tokens: the line D = 20N, the fitted optimum's path, the budget line for C = ${sci(v.C)}, and ${TABLE1_MODELS.map((m) => `${m.name} ${formatCount(m.params)} on ${formatCount(m.tokens)} tokens`).join(', ')}.`}>
          <path className="sc-line sc-line-1" d={twentyLine} />
          <path className="sc-c2 sc-line" d={pathOf(mapAxes, v.path)} />
          <path className="sc-line sc-line-2" d={isoLine} />
          <circle className="sc-c1" cx={mapAxes.x(v.twenty.params)} cy={mapAxes.y(v.twenty.tokens)} r={6} />
          <circle className="sc-c2" cx={mapAxes.x(v.fitted.params)} cy={mapAxes.y(v.fitted.tokens)} r={6} />
          {/* the Table 1 models on top: at Gopher's budget the 20-token point lands on Chinchilla */}
          {TABLE1_MODELS.map((m) => (
            <g key={m.name}>
              <circle className="sc-c3" cx={mapAxes.x(m.params)} cy={mapAxes.y(m.tokens)} r={3.5} style={{ stroke: 'var(--bg-raised)', strokeWidth: 1 }} />
            </g>
          ))}
          <Tag x={mapAxes.x(70e9) + 7} y={mapAxes.y(1.4e12) - 6} anchor="start" text="Chinchilla" />
          <Tag x={mapAxes.x(2.8e11)} y={mapAxes.y(4e10)} anchor="middle" text={`${TABLE1_MODELS.length - 1} older models`} />
        </Frame>
      </figure>
      <DataTable caption={`Models of Hoffmann et al. 2022, Table 1, and the two allocations for C = ${sci(v.C)}`} head={['Model', 'Parameters', 'Tokens', 'Tokens / param', 'C = 6ND']}
        rows={[
          ...TABLE1_MODELS.map((m) => [m.name, formatCount(m.params), formatCount(m.tokens), (m.tokens / m.params).toFixed(1), sci(6 * m.params * m.tokens)]),
          ['20 tokens/param', formatCount(v.twenty.params), formatCount(v.twenty.tokens), '20', sci(v.C)],
          ['Fit optimum', formatCount(v.fitted.params), formatCount(v.fitted.tokens), v.fitted.tokensPerParam.toFixed(1), sci(v.C)],
        ]} />
      <p className="sc-small">
        Loss values are the Chinchilla fit (E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28) in nats per token on their data, not a measurement.
      </p>
    </div>
  );
}

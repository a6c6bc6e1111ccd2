'use client';
/** lm's corpus: tokens per source, the training mix and passes over each source; and the scale of famous pretraining runs. */
import { useId } from 'react';
import manifest from '@/models/manifest.json';
import trainingLog from '@/models/lm/training-log.json';
import { LITERATURE_SCALE } from '@/lib/data/scale';
import { useWidth } from '@/components/ui/useWidth';
import type { WidgetProps } from '../types';
import type { DataMixState } from './index';
import { formatTokens, mixRows, scaleBars } from './layout';
import '../data-common/data.css';
import { ScrollBox } from '../data-common/ScrollBox';

const lm = manifest.models.lm;
const ROWS = mixRows({ corpus: lm.corpus, tokensPerStep: lm.training.tokensPerStep, bestStep: lm.training.bestStep, annealFromStep: trainingLog.annealFromStep });
const UNIQUE = ROWS.reduce((a, r) => a + r.tokens, 0);
const SEEN = ROWS.reduce((a, r) => a + r.seen, 0);
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export default function DataMix({ state, setState, hidden, locked }: WidgetProps<DataMixState>) {
  const ids = { axis: useId(), ours: useId() };
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const items = [
    { label: state.ours === 'seen' ? 'lm (tokens seen)' : 'lm (unique tokens)', value: state.ours === 'seen' ? SEEN : UNIQUE, ours: true },
    ...LITERATURE_SCALE.map((e) => ({ label: e.model, value: e.tokens, ours: false })),
  ];
  const labelW = Math.min(150, Math.max(110, width * 0.32));
  const chartW = Math.max(80, width - labelW - 56);
  const scaled = scaleBars(items, state.axis, chartW);
  const { bars } = scaled;
  // on a narrow screen, label every other power of ten
  const ticks = scaled.ticks.length > 1 && chartW / scaled.ticks.length < 30 ? scaled.ticks.filter((_, i) => i % 2 === 0) : scaled.ticks;
  const h = bars.length * 28 + 24;
  return (
    <div className="dw" ref={ref}>
      <p className="dw-small">
        From models/manifest.json and models/lm/training-log.json. Seen = expected tokens in the {int(lm.training.bestStep)} steps of the shipped weights.
      </p>
      <ScrollBox label="Training mix of lm">
        <table>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Tokens</th>
              <th scope="col">Share</th>
              <th scope="col">Mix weight</th>
              <th scope="col">Windows</th>
              <th scope="col">Seen</th>
              <th scope="col">Passes</th>
            </tr>
          </thead>
          <tbody>
            {ROWS.map((r) => (
              <tr key={r.name} data-source={r.name}>
                <th scope="row" title={`${r.what} — ${r.licence}`}>{r.name}</th>
                <td>{int(r.tokens)}</td>
                <td>{pct(r.tokenShare)}</td>
                <td>{r.mixWeight}</td>
                <td>{pct(r.mixShare)}</td>
                <td>{formatTokens(r.seen)}</td>
                <td data-epochs={r.epochs}>{r.epochs.toFixed(1)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">total</th>
              <td>{int(UNIQUE)}</td>
              <td>100%</td>
              <td />
              <td />
              <td>{formatTokens(SEEN)}</td>
              <td>{(SEEN / UNIQUE).toFixed(1)}</td>
            </tr>
          </tbody>
        </table>
      </ScrollBox>
      <p className="dw-small">
        Windows: share of training windows drawn from the source (weight ÷ sum of weights). From step {int(trainingLog.annealFromStep)} on, every window came from Austen (annealing), so Austen&apos;s passes are higher than its {pct(ROWS[0].mixShare)} suggests.
      </p>
      <div className="dw-controls">
        {!hidden.has('axis') && (
          <div className="control">
            <label htmlFor={ids.axis}>Axis</label>
            <select id={ids.axis} value={state.axis} disabled={locked.has('axis')} onChange={(e) => setState({ axis: e.target.value as DataMixState['axis'] })}>
              <option value="log">logarithmic</option>
              <option value="linear">linear</option>
            </select>
          </div>
        )}
        {!hidden.has('ours') && (
          <div className="control">
            <label htmlFor={ids.ours}>Our bar shows</label>
            <select id={ids.ours} value={state.ours} disabled={locked.has('ours')} onChange={(e) => setState({ ours: e.target.value as DataMixState['ours'] })}>
              <option value="seen">tokens lm saw in training</option>
              <option value="unique">unique tokens of the corpus</option>
            </select>
          </div>
        )}
      </div>
      <figure className="dw-figure">
        <figcaption>Pretraining tokens, {state.axis === 'log' ? 'log scale (each grid line is 10× the previous)' : 'linear scale'}.</figcaption>
        <svg width={width} height={h} viewBox={`0 0 ${width} ${h}`} role="img" aria-label={`Bar chart of pretraining tokens: ${items.map((i) => `${i.label} ${formatTokens(i.value)}`).join(', ')}`}>
          {ticks.map((t) => (
            <g key={t.label} transform={`translate(${labelW + t.x},0)`}>
              <line className="dw-axis-line" y1={0} y2={h - 18} />
              <text className="dw-axis" y={h - 4} textAnchor="middle">
                {t.label.startsWith('10^') ? (
                  <>
                    10<tspan dy={-5} fontSize={9}>{t.label.slice(3)}</tspan>
                  </>
                ) : (
                  t.label
                )}
              </text>
            </g>
          ))}
          {bars.map((b) => (
            <g key={b.label} transform={`translate(0,${b.y + 4})`}>
              <text className="dw-bar-label" x={labelW - 6} y={14} textAnchor="end">{b.label}</text>
              <rect className={b.ours ? 'dw-bar-ours' : 'dw-bar'} x={labelW} y={2} width={b.width} height={16} rx={2} />
              <text className="dw-axis" x={labelW + b.width + 4} y={14}>{formatTokens(b.value)}</text>
            </g>
          ))}
        </svg>
      </figure>
      <details>
        <summary>Data table</summary>
        <ScrollBox label="Pretraining tokens by model">
          <table>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Tokens</th>
                <th scope="col">× ours</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{items[0].label}</th>
                <td>{int(items[0].value)}</td>
                <td>1</td>
                <td>models/manifest.json</td>
              </tr>
              {LITERATURE_SCALE.map((e) => (
                <tr key={e.model}>
                  <th scope="row">{e.model}</th>
                  <td>{formatTokens(e.tokens)}</td>
                  <td>{int(e.tokens / items[0].value)}</td>
                  <td style={{ textAlign: 'left' }}>
                    <a href={e.href}>{e.authors} {e.year}</a>, {e.where}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </details>
    </div>
  );
}

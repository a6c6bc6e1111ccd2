'use client';
/** The results of a preference run: numbers, loss and gap curves, next-token bars, data tables. */
import { useMemo } from 'react';
import { useWidth } from '@/components/ui/useWidth';
import { pathOf } from '../scale-common/chart';
import { DataTable } from '../scale-common/Fields';
import { Frame } from '../scale-common/Frame';
import { linearAxes } from '../lora-rank/layout';
import { domainOf, probeBars, type Curves } from './layout';
import type { AlignState } from './useAlign';

const M = { top: 10, right: 12, bottom: 40, left: 54 };
const f3 = (x: number): string => x.toFixed(3);

export function PrefCharts({ st, c, total }: { st: AlignState; c: Curves; total: number }) {
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const w = Math.max(280, width);
  const dpo = st.mode === 'dpo';
  const x: [number, number] = [0, Math.max(1, total)];
  const lossAxes = useMemo(() => linearAxes({ width: w, height: 200, margin: M, xDomain: x, yDomain: domainOf([c.train, c.evalLoss], [0, 0.8]) }), [c, w, total]); // eslint-disable-line react-hooks/exhaustive-deps
  const gapAxes = useMemo(() => linearAxes({ width: w, height: 200, margin: M, xDomain: x, yDomain: domainOf([c.gap], [-1, 1], 0.5), yFormat: (v) => v.toFixed(1) }), [c, w, total]); // eslint-disable-line react-hooks/exhaustive-deps
  const bars = useMemo(() => probeBars(st.loaded, c.first, c.last), [st.loaded, c.first, c.last]);
  const last = c.last;
  const gapName = dpo ? 'log π(chosen) − log π(rejected)' : 'r(chosen) − r(rejected)';
  const maxBar = Math.max(1e-9, ...bars.map((b) => Math.max(b.before, b.now)));
  return (
    <div className="sc" ref={ref}>
      <dl className="sc-stats">
        <div><dt>loss on all pairs, start → now</dt><dd data-testid="pt-loss">{c.evalLoss.length ? `${f3(c.evalLoss[0][1])} → ${f3(c.evalLoss[c.evalLoss.length - 1][1])}` : '—'}</dd></div>
        <div><dt>pairs ranked right</dt><dd data-testid="pt-acc">{last ? `${Math.round(last.accuracy * last.pairs.length)} of ${last.pairs.length}` : '—'}</dd></div>
        <div><dt>mean {dpo ? 'implicit reward margin z' : 'reward margin'}</dt><dd data-testid="pt-margin">{last ? f3(last.pairs.reduce((s, p) => s + p.margin, 0) / last.pairs.length) : '—'}</dd></div>
        {dpo && <div><dt>KL from original lm (nats/token, held out)</dt><dd data-testid="pt-kl">{c.kl.length ? c.kl[c.kl.length - 1][1].toFixed(4) : '—'}</dd></div>}
        <div><dt>steps per second</dt><dd data-testid="pt-rate">{c.stepsPerSec === null ? '—' : c.stepsPerSec.toFixed(2)}</dd></div>
      </dl>
      <figure className="sc-figure">
        <figcaption><span className="sc-key sc-c0" aria-hidden="true" />loss on all pairs <span className="sc-key sc-c1" aria-hidden="true" />loss of the step&apos;s 2 pairs</figcaption>
        <Frame a={lossAxes} xTitle="step" yTitle={dpo ? 'DPO loss' : 'Bradley–Terry loss'}
          label={c.evalLoss.length ? `Loss on all pairs from ${f3(c.evalLoss[0][1])} at step 0 to ${f3(c.evalLoss[c.evalLoss.length - 1][1])} at step ${c.evalLoss[c.evalLoss.length - 1][0]}.` : 'No training yet.'}>
          {c.evalLoss.length > 0 && <path className="sc-line sc-line-0" d={pathOf(lossAxes, c.evalLoss)} />}
          {c.evalLoss.map(([a, b]) => <circle key={`e${a}`} className="sc-c0" cx={lossAxes.x(a)} cy={lossAxes.y(b)} r={3.5} />)}
          {c.train.map(([a, b]) => <circle key={`t${a}`} className="sc-c1" cx={lossAxes.x(a)} cy={lossAxes.y(b)} r={2} opacity={0.7} />)}
        </Frame>
      </figure>
      <figure className="sc-figure">
        <figcaption><span className="sc-key sc-c2" aria-hidden="true" />mean over pairs of {gapName}{dpo ? ' (nats)' : ''}</figcaption>
        <Frame a={gapAxes} xTitle="step" yTitle={dpo ? 'gap (nats)' : 'reward gap'}
          label={c.gap.length ? `Mean ${gapName} from ${c.gap[0][1].toFixed(2)} at step 0 to ${c.gap[c.gap.length - 1][1].toFixed(2)} at step ${c.gap[c.gap.length - 1][0]}.` : 'No training yet.'}>
          {c.gap.length > 0 && <path className="sc-line sc-line-0" style={{ stroke: 'currentColor' }} d={pathOf(gapAxes, c.gap)} />}
          {c.gap.map(([a, b]) => <circle key={`g${a}`} className="sc-c2" cx={gapAxes.x(a)} cy={gapAxes.y(b)} r={3.5} />)}
        </Frame>
      </figure>
      <DataTable caption="Every step" head={['step', 'loss of the step’s pairs', 'loss on all pairs', gapName, ...(dpo ? ['KL (nats/token)'] : [])]}
        rows={st.steps.map(({ report: r }) => [String(r.step), Number.isFinite(r.loss) ? f3(r.loss) : '—', r.eval ? f3(r.eval.meanLoss) : '',
          r.eval ? (r.eval.pairs.reduce((s, p) => s + p.chosen - p.rejected, 0) / r.eval.pairs.length).toFixed(2) : '', ...(dpo ? [r.eval?.kl != null ? r.eval.kl.toFixed(4) : ''] : [])])} />
      {dpo && bars.length > 0 && (
        <figure className="sc-figure pt-bars" data-testid="pt-bars">
          <figcaption>Next token after the first prompt: original lm <span className="sc-key sc-c4" aria-hidden="true" /> and now <span className="sc-key sc-c0" aria-hidden="true" /></figcaption>
          {bars.map((b) => (
            <div key={b.label} className="pt-bar-row">
              <span className="pt-bar-label">{b.label}{b.role === 'chosen' ? ' ✓' : b.role === 'rejected' ? ' ✗' : ''}</span>
              <span className="pt-bar-track" aria-hidden="true">
                <span className="pt-bar sc-c4" style={{ width: `${(100 * b.before) / maxBar}%` }} />
                <span className="pt-bar sc-c0" style={{ width: `${(100 * b.now) / maxBar}%` }} />
              </span>
              <span className="pt-bar-num">{f3(b.before)} → {f3(b.now)}</span>
            </div>
          ))}
          <DataTable caption="Next-token probabilities after the first prompt" head={['token', 'original lm', 'now']}
            rows={bars.map((b) => [`${b.label}${b.role ? ` (${b.role} answer's first token)` : ''}`, f3(b.before), f3(b.now)])} />
        </figure>
      )}
      {last && (
        <DataTable caption={`Each pair at the latest evaluation (${dpo ? 'log-probabilities summed over the answer, nats' : 'rewards'})`}
          head={['pair', dpo ? 'log π(chosen)' : 'r(chosen)', dpo ? 'log π(rejected)' : 'r(rejected)', 'margin', 'loss']}
          rows={last.pairs.map((p, i) => [String(i + 1), p.chosen.toFixed(2), p.rejected.toFixed(2), f3(p.margin), f3(p.loss)])} />
      )}
    </div>
  );
}

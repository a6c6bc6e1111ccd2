'use client';
/**
 * A scaling experiment in the page: four tiny character-level Transformers trained from scratch
 * for the same compute budget C = 6ND in a Web Worker (lib/scale/worker.ts → jobs.ts → live.ts,
 * the lab's TypeScript kernels), then held-out loss against compute for each model, final loss
 * against N with a parabola in ln N (an IsoFLOP profile: its minimum is the best N for this budget),
 * and power-law fits only when the losses fall all the way. Runs only when Start is pressed.
 */
import { useMemo } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { useWidth } from '@/components/ui/useWidth';
import { formatCount, twentyTokens } from '@/lib/scale';
import type { WidgetProps } from '../types';
import type { ScaleLiveState } from './index';
import { logspace, makeAxes, pathOf } from '../scale-common/chart';
import { DataTable, Num } from '../scale-common/Fields';
import { Frame } from '../scale-common/Frame';
import { useScaleJob } from '../scale-common/useScaleJob';
import { sci } from '../scale-laws/layout';
import { liveView } from './layout';
import '../scale-common/scale.css';
import { sitePath } from '@/components/site-base';

const M = { top: 10, right: 14, bottom: 40, left: 54 };
/** An exponent with a real minus sign: 0.0531 → "0.0531", −0.0531 → "−0.0531". */
const signed = (x: number): string => (x < 0 ? `−${(-x).toFixed(4)}` : x.toFixed(4));
const COLORS = ['sc-c0', 'sc-c1', 'sc-c2', 'sc-c3'];

export default function ScaleLive({ state, setState, hidden, locked }: WidgetProps<ScaleLiveState>) {
  const { st, start, cancel } = useScaleJob();
  const v = useMemo(() => liveView(st.events), [st.events]);
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const w = Math.max(280, width);
  const C = 10 ** state.logC;
  const optimal = twentyTokens(C).params;
  const running = st.phase === 'running';
  const finals = v.models.filter((m) => m.final !== null);
  const losses = v.models.flatMap((m) => m.curve.map((p) => p[1]));
  const yDomain: [number, number] = losses.length ? [Math.min(...losses) - 0.05, Math.max(...losses) + 0.05] : [2, 4];
  const runC = v.budget ?? C;
  const curveAxes = useMemo(() => makeAxes({ width: w, height: 240, margin: M, xDomain: [runC / 20, runC * 1.3], yDomain }), [w, runC, yDomain[0], yDomain[1]]); // eslint-disable-line react-hooks/exhaustive-deps
  const fy = finals.map((m) => m.final!);
  const nAxes = useMemo(() => makeAxes({ width: w, height: 220, margin: M, xDomain: [1000, 1e5], xFormat: formatCount, yDomain: fy.length ? [Math.min(...fy) - 0.1, Math.max(...fy) + 0.1] : [2, 3] }), [w, fy.join()]); // eslint-disable-line react-hooks/exhaustive-deps
  const isoCurve = v.iso && finals.length ? logspace(finals[0].params / 1.5, finals.at(-1)!.params * 1.5, 60).map((n) => [n, v.iso!.a + v.iso!.b * Math.log(n) + v.iso!.c * Math.log(n) ** 2] as [number, number]) : [];
  const nOpt = v.iso?.inside ? v.iso.nOpt! : null;
  const powCurve = v.power ? logspace(1000, 1e5, 60).map((n) => [n, v.power!.a * n ** -v.power!.alpha] as [number, number]) : [];
  return (
    <div className="sc" ref={ref} data-phase={st.phase} data-done={v.done} data-alpha={v.power ? v.power.alpha : ''} data-nopt={nOpt ?? ''} data-finals={finals.map((m) => m.final).join(',')}>
      <p className="sc-small">
        <BackendBadge backend="ts-cpu" reason="Training runs in a Web Worker on the lab's own TypeScript kernels (forward, backward, AdamW), single-threaded, not ONNX Runtime" />{' '}
        A toy: four Transformers of 2,000 to 15,000 parameters, trained for seconds on 45,000 characters of Austen. The numbers show the method, not the laws of large models.
      </p>
      <div className="controls sc-controls">
        {!hidden.has('logC') && (
          <div className="sc-range control">
            <label htmlFor="sl-logc">Compute budget per model C = {sci(C)} FLOPs</label>
            <input id="sl-logc" type="range" min={8} max={10} step={0.25} value={state.logC} disabled={locked.has('logC') || running}
              aria-valuetext={`${sci(C)} FLOPs`} onChange={(e) => setState({ logC: Number(e.target.value) })} />
          </div>
        )}
        {!hidden.has('seed') && <Num name="seed" label="Seed" value={state.seed} min={0} max={4294967295} onValue={(s) => setState({ seed: s })} locked={locked} />}
      </div>
      <div className="control-row">
        <button type="button" disabled={running} onClick={() => start({ kind: 'live', excerptUrl: sitePath('data/corpus-excerpt.json'), budget: C, seed: state.seed })}>
          {st.phase === 'idle' ? 'Train the four models' : 'Train again'}
        </button>
        <button type="button" onClick={cancel} disabled={!running}>Cancel</button>
      </div>
      {st.phase !== 'idle' && (
        <div className="progress" role="status" aria-live="polite">
          <div className="progress-label">
            <span>{st.phase === 'running' ? 'Training' : st.phase === 'done' ? `Done in ${((v.ms ?? 0) / 1000).toFixed(1)} s` : st.phase === 'cancelled' ? 'Cancelled' : 'Failed'}</span>
            <span data-testid="sl-progress">{v.done} of {v.total} steps</span>
          </div>
          <progress max={Math.max(1, v.total)} value={v.done} aria-label="Training steps done" style={{ width: '100%' }} />
        </div>
      )}
      {st.error && <p className="sc-note" role="alert">{st.error}</p>}
      <p className="sc-small">
        Each model gets D = C / 6N characters (windows of 64, AdamW, its own warm-up + cosine schedule). The 20-tokens-per-parameter rule would spend
        this budget on N ≈ {formatCount(optimal)}.
      </p>
      <figure className="sc-figure">
        <figcaption>
          {v.models.map((m, i) => <span key={m.d}><span className={`sc-key ${COLORS[i]}`} aria-hidden="true" />d {m.d} ({formatCount(m.params)})</span>)}
        </figcaption>
        <Frame a={curveAxes} xTitle="compute spent 6·N·tokens (FLOPs, log)" yTitle="held-out loss (nats/char)"
          label={`Held-out loss against compute for ${v.models.length} models.`}>
          {v.models.map((m, i) => m.curve.length > 0 && <path key={m.d} className={`sc-line ${COLORS[i]}`} style={{ fill: 'none' }} d={pathOf(curveAxes, m.curve)} />)}
          {v.models.flatMap((m, i) => m.curve.map(([x, y]) => <circle key={`${m.d}-${x}`} className={COLORS[i]} cx={curveAxes.x(x)} cy={curveAxes.y(y)} r={2.5} />))}
        </Frame>
      </figure>
      <p className="sc-stats" data-testid="sl-iso">
        {v.iso && finals.length === v.models.length ? (nOpt !== null ? (
          <span>
            Parabola in ln N through the final losses: lowest at N ≈ {formatCount(nOpt)}, which this budget gives
            D ≈ {formatCount(runC / (6 * nOpt))} characters, {(runC / (6 * nOpt * nOpt)).toFixed(1)} per parameter (Chinchilla: about 20).
          </span>
        ) : <span>No valley between the smallest and the largest model: the parabola through the final losses has its lowest point outside them{v.iso.c <= 0 ? ' (it opens downwards)' : ''}.</span>)
          : <span className="sc-small">The fit appears when the models have finished.</span>}
      </p>
      <p className="sc-stats" data-testid="sl-fit">
        {v.power && v.floor && (
          <span>
            Fits of the final losses: L ≈ {v.power.a.toFixed(3)} · N<sup>{signed(-v.power.alpha)}</sup> (α = {signed(v.power.alpha)}, R² {v.power.r2.toFixed(3)});
            with a floor, L ≈ {v.floor.E.toFixed(3)} {v.floor.A < 0 ? '−' : '+'} {Math.abs(v.floor.A).toPrecision(3)} · N<sup>{signed(-v.floor.alpha)}</sup>.
          </span>
        )}
      </p>
      {v.warning && <p className="sc-note">{v.warning}</p>}
      <figure className="sc-figure">
        <figcaption>Final held-out loss against N · solid: parabola in ln N{v.power ? ' · dashed: a·N^−α' : ''}</figcaption>
        <Frame a={nAxes} xTitle="parameters N (log)" yTitle="final loss (nats/char)" label={`Final held-out loss of ${finals.length} models against parameters.`}>
          {isoCurve.length > 0 && <path className="sc-line sc-line-0" d={pathOf(nAxes, isoCurve)} />}
          {powCurve.length > 0 && <path className="sc-line sc-line-1" d={pathOf(nAxes, powCurve)} />}
          {finals.map((m) => <circle key={m.d} className={COLORS[v.models.indexOf(m)]} cx={nAxes.x(m.params)} cy={nAxes.y(m.final!)} r={5} />)}
        </Frame>
      </figure>
      <DataTable caption={`Each model at C = ${sci(runC)} FLOPs`} head={['Model', 'N', 'Tokens', 'Steps', 'Start loss', 'Final loss']}
        rows={v.models.map((m) => [`d ${m.d}`, m.params.toLocaleString('en-US'), m.tokens.toLocaleString('en-US'), `${m.stepsDone} / ${m.steps}`, m.startLoss?.toFixed(3) ?? '—', m.final?.toFixed(3) ?? '—'])} />
      <p className="sc-small">
        For comparison: Kaplan et al. (2020) fit α<sub>N</sub> ≈ 0.076 for models trained to convergence (N without embeddings); Hoffmann et al. (2022) fit α = 0.34 in L = E + A/N^α + B/D^β.
        Those describe L(N) with data to spare. Here every model gets the same small budget, so the final losses trace one slice of fixed compute (an IsoFLOP profile), and its exponent is not theirs.
      </p>
    </div>
  );
}

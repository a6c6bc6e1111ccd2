'use client';
/**
 * Train a tiny Transformer from scratch, TensorFlow-Playground style: pick a task and a model,
 * press Play. Training runs in a Web Worker (lib/train/play-worker.ts) on the Engine chosen: the
 * lab's TypeScript forward, backward and optimiser on the CPU (default), or one ONNX train-step
 * graph per step on onnxruntime-web WASM or WebGPU (same seed, batches and schedule; the badge
 * names the backend that actually runs, with any fallback's reason); the page draws loss and
 * exact-match accuracy on training and held-out questions, the learning-rate schedule, and one
 * attention head on held-out example 0, redrawn at every evaluation.
 */
import { useMemo } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { useWidth } from '@/components/ui/useWidth';
import type { WidgetProps } from '../types';
import { PLAY_ENGINES, type TrainPlaygroundState } from './index';
import { DataTable, Select } from '../scale-common/Fields';
import { AttentionMap, LineChart } from './Charts';
import { Controls } from './Controls';
import { BATCH, charLabel, curves, evalEvery, firstReach, lossTop, lrCurve, rate, specKey, specOf, tokenLabel } from './layout';
import { TEXT_HELD, textData, unigramEntropy } from '@/lib/train/text-task';
import { usePlay } from './usePlay';
import '../scale-common/scale.css';
import './train-playground.css';

const ENGINES: Record<(typeof PLAY_ENGINES)[number], string> = { ts: 'TypeScript kernels (CPU)', wasm: 'ONNX graph, WASM', webgpu: 'ONNX graph, WebGPU' };

/** The badge's reason without its "Backend: " lead (the badge already names the backend), capitalised. */
const plainReason = (r: string): string => {
  const s = r.replace(/^[A-Za-z]+: /, '');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

const pct = (v: number): string => `${(100 * v).toFixed(0)}%`;
const fmt = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : String(v));

export default function TrainPlayground({ state, setState, hidden, locked }: WidgetProps<TrainPlaygroundState>) {
  const spec = useMemo(() => specOf(state), [state]);
  const key = specKey(spec);
  const every = evalEvery(spec.steps);
  const { st, play, step, pause, reset } = usePlay(spec, state.engine, key, every);
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const text = useMemo(() => (spec.task.kind === 'text' ? textData(spec.task.text) : null), [spec]);
  const unigram = useMemo(() => (text ? unigramEntropy(text.ids) : null), [text]);
  const labelOf = (t: number): string => (text ? charLabel(text.chars[t]) : tokenLabel(t, spec.task.kind === 'text' ? -1 : spec.task.symbols));
  const c = useMemo(() => curves(st.reports, st.evals, !!text), [st.reports, st.evals, text]);
  const accName = text ? 'next-character accuracy' : 'exact-match accuracy';
  const lrs = useMemo(() => lrCurve(spec), [spec]);
  const done = st.reports.length ? st.reports[st.reports.length - 1].step : 0;
  const last = st.evals[st.evals.length - 1];
  const lastLoss = st.reports[st.reports.length - 1]?.loss;
  const running = st.phase === 'running';
  const layer = Math.min(state.alayer, spec.nLayer);
  const head = Math.min(state.ahead, spec.nHead);
  const clampNote = layer !== state.alayer || head !== state.ahead ? `The model has ${spec.nLayer} layer${spec.nLayer > 1 ? 's' : ''} of ${spec.nHead} head${spec.nHead > 1 ? 's' : ''}: showing layer ${layer}, head ${head}.` : null;
  const sps = rate(st.playSteps, st.playMs);
  const reach = firstReach(st.evals, 1);
  const chartW = Math.max(280, width);
  const diverged = lastLoss !== undefined && !Number.isFinite(lastLoss);
  return (
    <div className="sc tp" ref={ref} data-phase={st.phase} data-step={done} data-evals={st.evals.length}>
      <div className="tp-engine">
        {!hidden.has('engine') && <Select name="engine" label="Engine" value={state.engine} locked={locked} onChange={(engine) => setState({ engine })} options={PLAY_ENGINES.map((e) => [e, ENGINES[e]] as const)} />}
        <p className="sc-small">
          {st.engine ? <BackendBadge backend={st.engine.backend} reason={st.engine.reason} /> : <BackendBadge backend={state.engine === 'ts' ? 'ts-cpu' : state.engine} reason="Starting the engine…" />}{' '}
          <span data-testid="tp-engine">{st.engine ? plainReason(st.engine.reason) : 'Starting the engine…'}</span>. Every number below is computed in this page, from random weights.
        </p>
      </div>
      {st.engine && state.engine !== 'ts' && st.engine.backend !== state.engine && <p className="sc-note" role="note">You picked {ENGINES[state.engine]}; this run uses {st.engine.backend === 'ts-cpu' ? 'the TypeScript kernels' : 'ONNX Runtime WASM'} instead: {st.engine.reason}.</p>}
      <Controls state={state} setState={setState} hidden={hidden} locked={locked} />
      <p className="sc-small">
        {st.params ? `${st.params.toLocaleString('en')} parameters; ` : ''}{text && spec.task.kind === 'text'
          ? <>{text.chars.length} distinct characters; batches of {BATCH} windows of {spec.task.window + 1} characters from the first {100 - 100 * TEXT_HELD}% of the text; {st.heldOut || '—'} held-out windows tile the last {100 * TEXT_HELD}%, which the model never trains on; evaluation every {every} steps.</>
          : <>batches of {BATCH} questions; {st.heldOut || '—'} held-out questions the model never trains on; evaluation every {every} steps.</>}
      </p>
      {text && text.folded > 0 && <p className="sc-note" role="note">The text has more than {text.chars.length} distinct characters: the {text.folded} rarest all count as one, shown as �.</p>}
      <div className="tp-buttons">
        <button type="button" onClick={play} disabled={running || st.phase === 'done' || st.phase === 'starting' || st.phase === 'error'}>Play</button>
        <button type="button" onClick={pause} disabled={!running}>Pause</button>
        <button type="button" onClick={step} disabled={running || st.phase === 'done' || st.phase === 'starting' || st.phase === 'error'}>Step</button>
        <button type="button" onClick={reset} disabled={st.phase === 'starting'}>Reset</button>
      </div>
      <div className="progress" role="status" aria-live="polite">
        <div className="progress-label">
          <span>{st.phase === 'running' ? 'Training…' : st.phase === 'done' ? 'Done: end of the schedule' : st.phase === 'paused' ? 'Paused' : st.phase === 'error' ? 'Failed' : st.phase === 'starting' ? 'Initialising…' : 'Ready: press Play or Step'}</span>
          <span data-testid="tp-progress">step {done} of {spec.steps}</span>
        </div>
        <progress max={spec.steps} value={done} aria-label="Training steps done" style={{ width: '100%' }} />
      </div>
      {st.error && <p className="sc-note" role="alert">{st.error}</p>}
      {diverged && <p className="sc-note" role="alert">The loss is no longer a finite number: training diverged. Lower the learning rate or turn clipping on, then Reset.</p>}
      <dl className="sc-stats">
        <div><dt>training loss (last batch)</dt><dd data-testid="tp-loss">{lastLoss === undefined ? '—' : fmt(lastLoss)}</dd></div>
        <div><dt>held-out loss</dt><dd data-testid="tp-held">{last ? fmt(last.loss) : '—'}</dd></div>
        {text
          ? <div><dt>held-out next-character accuracy</dt><dd data-testid="tp-acc">{last ? pct(last.token) : '—'}</dd></div>
          : <div><dt>held-out exact / token accuracy</dt><dd data-testid="tp-acc">{last ? `${pct(last.exact)} / ${pct(last.token)}` : '—'}</dd></div>}
        {unigram !== null
          ? <div><dt>unigram entropy of the text (best loss without context)</dt><dd data-testid="tp-unigram">{unigram.toFixed(3)}</dd></div>
          : <div><dt>first 100% held-out</dt><dd data-testid="tp-reach">{reach === null ? '—' : `step ${reach}`}</dd></div>}
        <div><dt>steps per second</dt><dd data-testid="tp-rate">{sps === null ? '—' : sps.toFixed(1)}</dd></div>
      </dl>
      {text && last?.sample && (
        <figure className="sc-figure tp-sample">
          <figcaption>Greedy sample at step {last.step}: the model continues the text&rsquo;s first {last.sample.prompt.length} characters, one most likely character at a time</figcaption>
          <p data-testid="tp-sample"><span className="tp-prompt">{last.sample.prompt}</span><mark>{last.sample.continuation}</mark></p>
        </figure>
      )}
      <div className="tp-charts">
        <div>
          <LineChart width={chartW} xMax={spec.steps} yMax={lossTop(c)} xTitle="step" yTitle="loss (nats/token)" marker={done}
            series={[{ pts: c.trainLoss, cls: 1 }, { pts: c.heldLoss, cls: 0, dots: true }]}
            label={last ? `Loss: held-out ${fmt(last.loss)} at step ${last.step}.` : 'No training yet.'}
            caption={<><span><span className="sc-key sc-c0" aria-hidden="true" />held-out loss</span><span><span className="sc-key sc-c1" aria-hidden="true" />training batch loss</span></>} />
          <DataTable caption="Loss at each evaluation" head={['step', 'training batch', 'held-out']}
            rows={st.evals.map((e) => [String(e.step), e.step ? fmt(st.reports[e.step - 1]?.loss ?? NaN) : '—', fmt(e.loss)])} />
        </div>
        <div>
          <LineChart width={chartW} xMax={spec.steps} yMax={1} xTitle="step" yTitle={accName} marker={done} yFormat={pct}
            series={[{ pts: c.trainExact, cls: 1 }, { pts: c.heldExact, cls: 0, dots: true }]}
            label={last ? `Held-out ${accName} ${pct(text ? last.token : last.exact)} at step ${last.step}.` : 'No training yet.'}
            caption={<><span><span className="sc-key sc-c0" aria-hidden="true" />held-out</span><span><span className="sc-key sc-c1" aria-hidden="true" />{text ? 'training windows' : 'training questions'}</span></>} />
          <DataTable caption="Accuracy at each evaluation" head={['step', 'train exact', 'held-out exact', 'held-out token']}
            rows={st.evals.map((e) => [String(e.step), pct(e.train.exact), pct(e.exact), pct(e.token)])} />
        </div>
        <div>
          <LineChart width={chartW} xMax={spec.steps} yMax={spec.lr * 1.05} xTitle="step" yTitle="learning rate" marker={done} yFormat={(v) => v.toPrecision(2)}
            series={[{ pts: lrs, cls: 0 }]} label={`Learning rate: linear warm-up over ${spec.warmup} steps to ${spec.lr}, then cosine to 0 at step ${spec.steps}.`}
            caption={<>Learning-rate schedule: warm-up {spec.warmup} steps, cosine to 0 at step {spec.steps}</>} />
          <DataTable caption="Learning rate by step" head={['step', 'learning rate']}
            rows={lrs.filter((_, i) => i % 10 === 0).map(([s, v]) => [String(s + 1), v.toExponential(2)])} />
        </div>
        <div>
          <figure className="sc-figure">
            <figcaption>Attention of layer {layer}, head {head} on held-out {text ? 'window' : 'question'} {last ? last.tokens.map(labelOf).join(text ? '' : ' ') : ''} (rows: the position that reads; columns: the positions it reads from; darker = more weight){last ? `, at step ${last.step}` : ''}</figcaption>
            {clampNote && <p className="sc-note" role="note">{clampNote}</p>}
            <div className="tp-row">
              {!hidden.has('alayer') && <AttnPick name="alayer" label="Layer" value={layer} max={spec.nLayer} disabled={locked.has('alayer')} onValue={(alayer) => setState({ alayer })} />}
              {!hidden.has('ahead') && <AttnPick name="ahead" label="Head" value={head} max={spec.nHead} disabled={locked.has('ahead')} onValue={(ahead) => setState({ ahead })} />}
            </div>
            {last && <AttentionMap probs={last.attention[layer - 1][head - 1]} tokens={last.tokens} labelOf={labelOf} label={`Attention map of layer ${layer}, head ${head} at step ${last.step}; the data table lists every weight.`} />}
          </figure>
          {last && (
            <DataTable caption={`Attention weights, layer ${layer} head ${head}, step ${last.step} (row = query position)`} head={['query', ...last.tokens.map((t, i) => `${i + 1}:${labelOf(t)}`)]}
              rows={last.tokens.map((t, q) => [`${q + 1}:${labelOf(t)}`, ...last.tokens.map((_, k) => (k > q ? '' : last.attention[layer - 1][head - 1][q * last.tokens.length + k].toFixed(2)))])} />
          )}
        </div>
      </div>
    </div>
  );
}

function AttnPick({ name, label, value, max, disabled, onValue }: { name: string; label: string; value: number; max: number; disabled: boolean; onValue: (v: number) => void }) {
  const id = `tp-${name}`;
  return (
    <div className="control">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} disabled={disabled} onChange={(e) => onValue(Number(e.target.value))}>
        {Array.from({ length: max }, (_, i) => <option key={i} value={i + 1}>{i + 1}</option>)}
      </select>
    </div>
  );
}

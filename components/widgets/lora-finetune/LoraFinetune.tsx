'use client';
/**
 * Fine-tune lm with LoRA in the page: adapters on W_q and W_v of every block (Hu et al. 2021 §7.1),
 * trained in a Web Worker (lib/peft/worker.ts) on a public-domain preset or the student's paragraph,
 * by the Engine chosen: the lab's TypeScript tape on the CPU (default), or one ONNX train-step graph
 * per step on onnxruntime-web WASM / WebGPU (lib/train/train-graph.ts; the badge shows what ran). Shows steps as they finish, the
 * held-out loss curve, greedy samples before and after (merged weights), and adapter vs model bytes.
 */
import { useMemo } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { formatBytes } from '@/components/ui/ProgressBar';
import { useWidth } from '@/components/ui/useWidth';
import { familyManifest } from '@/lib/runtime/family-manifest';
import type { WidgetProps } from '../types';
import { FINETUNE_ENGINES, FINETUNE_TEXTS, OWN_MAX, type LoraFinetuneState } from './index';
import { pathOf } from '../scale-common/chart';
import { DataTable, Num, Select } from '../scale-common/Fields';
import { Frame } from '../scale-common/Frame';
import { LM_CONFIG, linearAxes } from '../lora-rank/layout';
import { curve, lossDomain } from './layout';
import { chosenText, OWN_MIN, PRESETS } from './texts';
import { useFinetune } from './useFinetune';
import '../scale-common/scale.css';
import { sitePath } from '@/components/site-base';

const M = { top: 10, right: 12, bottom: 40, left: 54 };
const LABELS: Record<(typeof FINETUNE_TEXTS)[number], string> = { sonnets: PRESETS.sonnets.label, psalms: PRESETS.psalms.label, own: 'My own paragraph' };
const ENGINES: Record<(typeof FINETUNE_ENGINES)[number], string> = { ts: 'TypeScript tape', wasm: 'ONNX graph, WASM', webgpu: 'ONNX graph, WebGPU' };

export default function LoraFinetune({ state, setState, hidden, locked }: WidgetProps<LoraFinetuneState>) {
  const { st, start, cancel } = useFinetune();
  const chosen = chosenText(state.text, state.own);
  const c = useMemo(() => curve(st.steps), [st.steps]);
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const total = st.phase === 'idle' ? state.steps : st.total;
  const axes = useMemo(() => linearAxes({ width: Math.max(280, width), height: 220, margin: M, xDomain: [0, Math.max(1, total)], yDomain: lossDomain(c) }), [c, width, total]);
  const running = st.phase === 'loading' || st.phase === 'training';
  const badge = st.engine
    ? { backend: st.engine.backend, reason: st.engine.reason }
    : state.engine === 'ts'
      ? { backend: 'ts-cpu' as const, reason: 'Training runs in a Web Worker on the lab\'s own TypeScript kernels (forward, backward, AdamW), single-threaded, not ONNX Runtime' }
      : { backend: state.engine, reason: 'Chosen: ONNX Runtime will run the train-step graph when you start (WebGPU falls back to WASM)' };
  const done = st.steps.length ? st.steps[st.steps.length - 1].report.step : 0;
  const onStart = async (): Promise<void> => {
    const m = await familyManifest('lm', sitePath('models/')).catch(() => null);
    start({
      config: LM_CONFIG, weightsUrl: sitePath('models/lm/model.safetensors'), sha256: m?.sha256, tokenizerUrl: sitePath('models/tokenizer/austen-bpe-4096.json'),
      text: chosen.text, lora: { r: state.r, alpha: 2 * state.r, targets: ['wq', 'wv'] }, steps: state.steps, lrMax: 3e-3, window: 64, seed: state.seed,
      prompt: chosen.prompt, sampleTokens: 24, engine: state.engine,
    });
  };
  return (
    <div className="sc lf" ref={ref} data-phase={st.phase} data-steps={done} data-val-points={c.val.length}>
      <p className="sc-small">
        <BackendBadge {...badge} />{' '}
        {badge.backend === 'ts-cpu' ? 'Runs in a Web Worker: the lab\'s TypeScript forward and backward passes on your CPU.' : 'Runs in a Web Worker: one ONNX graph per step (forward, backward, AdamW) on ONNX Runtime.'}
      </p>
      <div className="sc-controls control-row">
        {!hidden.has('text') && (
          <Select name="text" label="Text" value={state.text} locked={locked} options={FINETUNE_TEXTS.map((t) => [t, LABELS[t]] as const)} onChange={(t) => setState({ text: t })} />
        )}
        {!hidden.has('steps') && <Num name="steps" label="Steps" value={state.steps} min={1} max={60} onValue={(v) => setState({ steps: v })} locked={locked} />}
        {!hidden.has('r') && <Num name="r" label="Rank r" value={state.r} min={1} max={32} onValue={(v) => setState({ r: v })} locked={locked} />}
        {!hidden.has('engine') && (
          <Select name="engine" label="Engine" value={state.engine} locked={locked} options={FINETUNE_ENGINES.map((t) => [t, ENGINES[t]] as const)} onChange={(t) => setState({ engine: t })} />
        )}
        {!hidden.has('seed') && <Num name="seed" label="Seed" value={state.seed} min={0} max={4294967295} onValue={(v) => setState({ seed: v })} locked={locked} />}
      </div>
      {state.text === 'own' && !hidden.has('own') && (
        <div className="control">
          <label htmlFor="lf-own">Your paragraph (at least {OWN_MIN}, at most {OWN_MAX} characters; longer text is cut)</label>
          <textarea id="lf-own" rows={5} value={state.own} readOnly={locked.has('own')} maxLength={OWN_MAX}
            onChange={(e) => setState({ own: e.target.value })} />
          <p className="sc-small" aria-live="polite">{[...state.own].length} / {OWN_MAX} characters{chosen.tooShort ? ` — write at least ${OWN_MIN} to train` : ''}</p>
        </div>
      )}
      <div className="control-row">
        <button type="button" onClick={() => void onStart()} disabled={running || chosen.tooShort}>{st.phase === 'idle' ? 'Start fine-tuning' : 'Fine-tune again'}</button>
        <button type="button" onClick={cancel} disabled={!running}>Cancel</button>
      </div>
      <p className="sc-small">LoRA r = {state.r}, α = {2 * state.r} (α/r = 2) on W_q and W_v of all {LM_CONFIG.nLayer} blocks; windows of 64 tokens, AdamW, peak learning rate 3·10⁻³; the last 10% of the text is held out.</p>
      {st.phase !== 'idle' && (
        <div className="progress" role="status" aria-live="polite">
          <div className="progress-label">
            <span>{st.phase === 'loading' ? 'Loading lm and encoding the text…' : st.phase === 'error' ? 'Failed' : st.phase === 'cancelled' ? 'Cancelled' : 'Training steps'}</span>
            <span data-testid="lf-progress">{done} of {total}</span>
          </div>
          <progress max={total} value={done} aria-label="Training steps done" style={{ width: '100%' }} />
        </div>
      )}
      {st.error && <p className="sc-note" role="alert">{st.error}</p>}
      <dl className="sc-stats">
        <div><dt>held-out loss, start → now</dt><dd data-testid="lf-val">{c.val.length ? `${c.val[0][1].toFixed(3)} → ${c.val[c.val.length - 1][1].toFixed(3)}` : '—'}</dd></div>
        <div><dt>drop</dt><dd data-testid="lf-drop">{c.drop === null ? '—' : `${c.drop.toFixed(3)} nats`}</dd></div>
        <div><dt>steps per second</dt><dd data-testid="lf-rate">{c.stepsPerSec === null ? '—' : c.stepsPerSec.toFixed(2)}</dd></div>
        <div><dt>time to a 0.05-nat drop</dt><dd data-testid="lf-drop-ms">{c.dropMs === null ? '—' : `${(c.dropMs / 1000).toFixed(1)} s`}</dd></div>
      </dl>
      <figure className="sc-figure">
        <figcaption><span className="sc-key sc-c0" aria-hidden="true" />held-out loss <span className="sc-key sc-c1" aria-hidden="true" />training-window loss</figcaption>
        <Frame a={axes} xTitle="step" yTitle="loss (nats/token)"
          label={c.val.length ? `Held-out loss from ${c.val[0][1].toFixed(3)} at step 0 to ${c.val[c.val.length - 1][1].toFixed(3)} at step ${c.val[c.val.length - 1][0]}.` : 'No training yet.'}>
          {c.val.length > 0 && <path className="sc-line sc-line-0" d={pathOf(axes, c.val)} />}
          {c.val.map(([x, y]) => <circle key={`v${x}`} className="sc-c0 lf-val" cx={axes.x(x)} cy={axes.y(y)} r={3.5} />)}
          {c.train.map(([x, y]) => <circle key={`t${x}`} className="sc-c1" cx={axes.x(x)} cy={axes.y(y)} r={2} opacity={0.7} />)}
        </Frame>
      </figure>
      <DataTable caption="Loss at every step" head={['step', 'training-window loss', 'held-out loss', 'learning rate']}
        rows={st.steps.map(({ report: r }) => [String(r.step), Number.isFinite(r.loss) ? r.loss.toFixed(3) : '—', r.valLoss === null ? '' : r.valLoss.toFixed(3), r.lr.toExponential(2)])} />
      {(st.before !== undefined || st.after !== undefined) && (
        <div className="lf-samples">
          <p className="sc-small">Greedy continuation of “{chosen.prompt}” (24 tokens):</p>
          <p><strong>Before:</strong> <span data-testid="lf-before">{chosen.prompt}{st.before}</span></p>
          {st.after !== undefined && <p><strong>After{st.phase === 'cancelled' ? ' (adapters as trained so far)' : ''}:</strong> <span data-testid="lf-after">{chosen.prompt}{st.after}</span></p>}
        </div>
      )}
      {st.loaded && (
        <p className="sc-small" data-testid="lf-sizes">
          {st.loaded.textTokens} tokens of text. Trainable: {st.loaded.adapterParams.toLocaleString('en')} adapter parameters against {st.loaded.modelParams.toLocaleString('en')} in lm
          {st.done ? `; adapter file ${formatBytes(st.done.adapterBytes)} (float32 safetensors) against the model's ${formatBytes(st.done.modelBytes)} (float16)` : ''}.
        </p>
      )}
    </div>
  );
}

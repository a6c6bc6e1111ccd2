'use client';
/**
 * Quantize the weights of `lm`: the model worker quantizes every Linear weight in the chosen
 * format (lib/quant) and returns a summary; this widget draws the chosen matrix's histogram
 * before/after with the grid of representable values, the error of every matrix, and the bytes.
 */
import { useId } from 'react';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import type { TensorSummary } from '@/lib/quant/summary';
import type { WidgetProps } from '../types';
import { ErrorGrid } from './ErrorGrid';
import { FORMAT_LABELS, FormatControls, GROUPED } from './FormatControls';
import { Histogram } from './Histogram';
import { MATRIX_CHOICES, type QuantWeightsState } from './index';
import { kb, linearBpw, mb, ortSentence, pctErr, pickTensor, sci } from './layout';
import { useQuantModel } from './useQuantModel';
import './quant.css';

function gridNote(t: TensorSummary, granularity: string): string {
  if (t.grid.length === 0) return 'no grid: fp16/bf16 round each weight on its own';
  if (granularity === 'tensor') return `the ${t.grid.length} values one scale allows for the whole matrix`;
  if (granularity === 'channel') return `the ${t.grid.length} values of the row holding the largest |w|`;
  return `the ${t.grid.length} values of the group (of ${t.blockWeights}) holding the largest |w|`;
}

export function QuantWeightsPanel({ state, setState, hidden, locked, deps }: WidgetProps<QuantWeightsState> & { deps: Deps }) {
  const id = useId();
  const p = { format: state.format, group: GROUPED.has(state.format) ? Number(state.group) : 32, clip: state.format.startsWith('fp') || state.format === 'bf16' ? 1 : state.clip };
  const m = useQuantModel(deps, p);
  const q = m.summary;
  const t = q ? pickTensor(q, state.layer, state.matrix) : null;
  const granularity = q ? (q.format.includes('channel') ? 'channel' : q.format.startsWith('int8') ? 'tensor' : 'group') : 'group';
  const stale = q !== null && m.phase === 'loading';
  return (
    <div className="qw" data-phase={m.phase} data-format={q?.format ?? ''}>
      <FormatControls state={state} setState={setState} hidden={hidden} locked={locked} />
      <div className="controls qw-controls">
        {!hidden.has('layer') && (
          <div className="control">
            <label htmlFor={`${id}-l`}>Layer</label>
            <select id={`${id}-l`} value={state.layer} disabled={locked.has('layer')} onChange={(e) => setState({ layer: Number(e.target.value) })}>
              {Array.from({ length: 8 }, (_, l) => <option key={l} value={l}>{l}</option>)}
            </select>
          </div>
        )}
        {!hidden.has('matrix') && (
          <div className="control">
            <label htmlFor={`${id}-m`}>Matrix</label>
            <select id={`${id}-m`} value={state.matrix} disabled={locked.has('matrix')} onChange={(e) => setState({ matrix: e.target.value as QuantWeightsState['matrix'] })}>
              {MATRIX_CHOICES.map((mx) => <option key={mx} value={mx}>{mx}</option>)}
            </select>
          </div>
        )}
      </div>
      <div className="qw-actions">
        {!m.started && <button type="button" className="btn btn-primary" onClick={m.start}>{q ? 'Quantize again' : 'Load the model and quantize'}</button>}
        {m.phase === 'loading' && <button type="button" className="btn" onClick={m.cancel}>Cancel</button>}
        <span className="qw-small muted">Quantization runs in the model worker, off the page&apos;s thread; no forward pass runs here.</span>
      </div>
      {m.error && <p className="qw-error" role="alert">{m.error}</p>}
      {m.phase === 'loading' && m.progress?.phase === 'download' && (
        <ProgressBar loaded={m.progress.loaded} total={m.progress.total ?? 0} label="Model weights (lm)" />
      )}
      <p role="status" aria-live="polite" className="qw-status">
        {m.phase === 'idle' && !q && 'The model (4.2 MB of fp16 weights) downloads when you press the button.'}
        {m.phase === 'loading' && (m.progress?.phase === 'build' ? `Quantizing every Linear weight to ${FORMAT_LABELS[state.format]}…` : 'Loading the model…')}
        {m.phase === 'ready' && q && `Quantized ${q.tensors.length} matrices of lm to ${q.label.replace(/groups of g$/, `groups of ${q.groupSize}`)}${q.clip < 1 ? `, range clipped to ${Math.round(q.clip * 100)}%` : ''}.`}
      </p>
      {q && t && (
        <div className={stale ? 'qw-body qw-stale' : 'qw-body'}>
          <dl className="qw-stats">
            <div><dt>Model weights</dt><dd data-bytes={q.bytes.total}>{mb(q.bytes.total)}</dd></div>
            <div><dt>fp16 as shipped · fp32</dt><dd>{mb(q.bytes.fp16)} · {mb(q.bytes.fp32)}</dd></div>
            <div><dt>Bits per weight (matrices)</dt><dd data-bpw={linearBpw(q).toFixed(4)}>{linearBpw(q).toFixed(3)}</dd></div>
            <div><dt>{t.name} [{t.shape.join(' × ')}]</dt><dd>{kb(t.bytes)}, error {pctErr(t.rel)}, SQNR {Number.isFinite(t.sqnrDb) ? `${t.sqnrDb.toFixed(1)} dB` : '∞'}</dd></div>
            <div><dt>Largest |w|</dt><dd>{sci(t.maxAbs)} = {(t.maxAbs / t.std).toFixed(1)} σ{t.clipped ? ` · ${t.clipped} weights clipped` : ''}</dd></div>
          </dl>
          <p className={q.ort === 'simulated' ? 'qw-sim' : 'qw-small'} data-ort={q.ort}>{ortSentence(q.ort)}</p>
          <p className="qw-small muted">The embedding (also the output head) and the norms stay fp16, as shipped; they are {mb(q.bytes.rest)} of the total.</p>
          <Histogram t={t} gridNote={gridNote(t, granularity)} />
          <ErrorGrid q={q} layer={t.layer} matrix={t.matrix} disabled={locked.has('layer') || locked.has('matrix')}
            onPick={(layer, matrix) => setState({ layer, matrix })} />
        </div>
      )}
    </div>
  );
}

export default function QuantWeights(props: WidgetProps<QuantWeightsState>) {
  return <QuantWeightsPanel {...props} deps={defaultDeps} />;
}

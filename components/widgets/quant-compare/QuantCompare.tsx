'use client';
/**
 * Original and quantized `lm` side by side, live in the model worker: next-token distributions
 * and KL on the prompt, loss on held-out Austen text, and generations from the same seed.
 */
import { useCallback, useId } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import type { WidgetProps } from '../types';
import { FormatControls } from '../quant-weights/FormatControls';
import { mb, ortSentence, sci } from '../quant-weights/layout';
import '../quant-weights/quant.css';
import type { QuantCompareState } from './index';
import { commonPrefix, perplexity } from './layout';
import { PairBars } from './PairBars';
import { useCompare, type CompareView } from './useCompare';
import { BackendSelect } from '@/components/ui/BackendSelect';

function status(v: CompareView): string {
  switch (v.phase) {
    case 'idle': return 'Both models load when you press Compare (lm downloads once, about 4 MB; the quantized copy is built from it in your browser).';
    case 'loading': return v.progress?.phase === 'build' ? 'Quantizing lm in the model worker…' : 'Loading the models…';
    case 'next': return 'Scoring the next token with both models…';
    case 'slice': return `Scoring held-out Austen text: window ${v.sliceDone} of ${v.sliceTotal || 8}…`;
    case 'generate': return 'Generating with both models (same seed)…';
    case 'done': return 'Done. Change any setting to compare again.';
    case 'cancelled': return 'Stopped. Press Compare to run again.';
    case 'error': return 'Something went wrong (see above).';
  }
}

export function QuantComparePanel({ state, setState, hidden, locked, deps }: WidgetProps<QuantCompareState> & { deps: Deps }) {
  const id = useId();
  const { view: v, start, cancel, started, tokenizer } = useCompare(deps, state);
  const text = useCallback((i: number) => tokenizer?.tokenText(i) ?? `#${i}`, [tokenizer]);
  const busy = v.phase === 'loading' || v.phase === 'next' || v.phase === 'slice' || v.phase === 'generate';
  const cut = commonPrefix(v.gens.orig, v.gens.quant);
  const show = (k: string) => !hidden.has(k);
  return (
    <div className="qw" data-phase={v.phase}>
      <FormatControls state={state} setState={setState} hidden={hidden} locked={locked} />
      {show('prompt') && (
        <div className="control control-wide">
          <label htmlFor={`${id}-p`}>Prompt</label>
          <textarea id={`${id}-p`} rows={2} value={state.prompt} readOnly={locked.has('prompt')} spellCheck={false} onChange={(e) => setState({ prompt: e.target.value })} />
        </div>
      )}
      <div className="controls qw-controls">
        {show('temperature') && (
          <div className="control qw-clip">
            <label htmlFor={`${id}-t`}>Temperature <output>{state.temperature === 0 ? '0 (greedy)' : state.temperature.toFixed(2)}</output></label>
            <input id={`${id}-t`} type="range" min={0} max={1.5} step={0.05} value={state.temperature} disabled={locked.has('temperature')} onChange={(e) => setState({ temperature: Number(e.target.value) })} />
          </div>
        )}
        {show('maxTokens') && (
          <div className="control"><label htmlFor={`${id}-n`}>New tokens</label>
            <input id={`${id}-n`} type="number" min={1} max={80} value={state.maxTokens} disabled={locked.has('maxTokens')} onChange={(e) => { const n = Math.round(Number(e.target.value)); if (n >= 1 && n <= 80) setState({ maxTokens: n }); }} /></div>
        )}
        {show('seed') && (
          <div className="control"><label htmlFor={`${id}-s`}>Seed</label>
            <input id={`${id}-s`} type="number" min={0} value={state.seed} disabled={locked.has('seed')} onChange={(e) => { const n = Math.round(Number(e.target.value)); if (n >= 0 && n <= 0xffffffff) setState({ seed: n }); }} /></div>
        )}
        {show('backend') && (
          <BackendSelect id={`${id}-b`} value={state.backend} disabled={locked.has('backend')} onChange={(backend) => setState({ backend })} label="Engine" wasmText="WASM (CPU)" />
        )}
      </div>
      <div className="qw-actions">
        {!started || v.phase === 'cancelled' || v.phase === 'error' ? <button type="button" className="btn btn-primary" onClick={start}>Compare</button> : null}
        {busy && <button type="button" className="btn" onClick={cancel}>Cancel</button>}
        {v.choices && <>original <BackendBadge backend={v.choices.orig.backend} reason={v.choices.orig.reason} /> quantized <BackendBadge backend={v.choices.quant.backend} reason={v.choices.quant.reason} /></>}
      </div>
      {v.error && <p className="qw-error" role="alert">{v.error}</p>}
      {v.note && <p className="url-notes">{v.note}</p>}
      {v.phase === 'loading' && v.progress?.phase === 'download' && <ProgressBar loaded={v.progress.loaded} total={v.progress.total ?? 0} label="Model weights (lm)" />}
      {v.phase === 'slice' && (
        <label className="qw-small qc-progress">Held-out windows scored: {v.sliceDone} of {v.sliceTotal || 8}
          <progress max={v.sliceTotal || 8} value={v.sliceDone} /></label>
      )}
      <p role="status" aria-live="polite" className="qw-status">{status(v)}</p>
      {v.summary && (
        <p className={v.summary.ort === 'simulated' ? 'qw-sim' : 'qw-small'} data-ort={v.summary.ort}>
          Quantized copy: {v.summary.label.replace(/groups of g$/, `groups of ${v.summary.groupSize}`)}, {mb(v.summary.bytes.total)} of weights (lm as shipped: {mb(v.summary.bytes.fp16)}). {ortSentence(v.summary.ort)}
        </p>
      )}
      {v.next && (
        <section className="qw-body" aria-label="Next token">
          <p className="qw-small">Next token after the prompt: KL(original ‖ quantized) = <b data-kl={v.next.kl.toExponential(4)}>{sci(v.next.kl)} nats</b></p>
          <PairBars orig={v.next.orig} quant={v.next.quant} tokenText={text} />
        </section>
      )}
      {v.slice && (
        <div className="qm-wrap" tabIndex={0} role="region" aria-label="Loss on held-out text">
          <table className="qm-table" data-loss-orig={v.slice.lossA.toFixed(5)} data-loss-quant={v.slice.lossB.toFixed(5)}>
            <caption>Held-out Austen text the models never trained on: {v.slice.windows} windows, {v.slice.tokens} scored tokens</caption>
            <thead><tr><th scope="col">model</th><th scope="col">loss (nats/token)</th><th scope="col">perplexity</th></tr></thead>
            <tbody>
              <tr><td>original lm</td><td>{v.slice.lossA.toFixed(4)}</td><td>{perplexity(v.slice.lossA).toFixed(2)}</td></tr>
              <tr><td>quantized</td><td>{v.slice.lossB.toFixed(4)}</td><td>{perplexity(v.slice.lossB).toFixed(2)}</td></tr>
            </tbody>
          </table>
          <p className="qw-small">Mean KL over every position: {sci(v.slice.kl)} nats · same top-1 token at {(100 * v.slice.agree).toFixed(1)}% of positions.</p>
        </div>
      )}
      {(v.gens.orig.length > 0 || v.gens.quant.length > 0) && tokenizer && (
        <div className="qc-gens">
          {(['orig', 'quant'] as const).map((k) => (
            <div key={k} className="qc-gen" data-gen={k}>
              <h4>{k === 'orig' ? 'Original' : 'Quantized'}</h4>
              <p><span className="muted">{state.prompt}</span>{tokenizer.decode(v.gens[k].slice(0, cut))}
                {v.gens[k].length > cut && <mark>{tokenizer.decode(v.gens[k].slice(cut))}</mark>}</p>
            </div>
          ))}
          <p className="qw-small muted">Same seed and sampler for both; highlighted text starts where they first pick different tokens{cut === v.gens.orig.length && cut === v.gens.quant.length ? ' (here they never do)' : ''}.</p>
        </div>
      )}
    </div>
  );
}

export default function QuantCompare(props: WidgetProps<QuantCompareState>) {
  return <QuantComparePanel {...props} deps={defaultDeps} />;
}

'use client';
/**
 * Held-out loss of every shipped model on the same bytes: windows of 128 tokens (the shortest
 * training length among them, so no model reads past what it was trained on) cut from the lab's
 * validation windows; each model's logits come from the model worker, the loss from lib/eval.
 */
import { useId } from 'react';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import { byteLevelPerplexity, chunkWindows, heldOutLoss, type Measured } from '@/lib/eval/perplexity';
import { valWindows } from '@/lib/longctx/val-windows';
import { BackendSelect } from '@/components/ui/BackendSelect';
import type { WidgetProps } from '../types';
import { RunBar } from '../eval-common/RunBar';
import { bytesOfIds, useEvalJob } from '../eval-common/useEvalJob';
import type { PerplexityTableState } from './index';
import '../eval-common/eval.css';

export const MODELS = ['lm', 'lm-moe', 'lm-ssm', 'lm-alibi', 'lm-learned-pos', 'lm-draft'] as const;
export const WINDOW = 128;
const METRIC = {
  loss: ['Loss (nats/token)', 3], perplexity: ['Perplexity (per token)', 1], bitsPerToken: ['Bits per token', 2], bitsPerByte: ['Bits per byte', 3],
} as const;

type Result = Record<string, Measured>;

export function PerplexityPanel({ state, setState, hidden, locked, deps }: WidgetProps<PerplexityTableState> & { deps: Deps }) {
  const id = useId();
  const { view, result, start, cancel } = useEvalJob<Result>(deps, MODELS, state.backend, `${state.windows}|${state.backend}`, async (c) => {
    const ws = chunkWindows(valWindows(), WINDOW).slice(0, state.windows);
    const out: Result = {};
    for (const [k, m] of MODELS.entries()) {
      out[m] = await heldOutLoss(ws, c.forward(m), (ids) => bytesOfIds(c.tok, ids), {
        signal: c.signal, onStep: (d) => c.progress(k * ws.length + d, MODELS.length * ws.length),
      });
    }
    return out;
  });
  const rows = result ? MODELS.map((m) => ({ m, r: result[m] })) : [];
  const max = Math.max(...rows.map(({ r }) => r[state.metric]), 1e-9);
  const lm = result?.lm;
  return (
    <div className="ev" data-phase={view.phase}>
      <div className="controls">
        {!hidden.has('windows') && (
          <div className="control">
            <label htmlFor={`${id}-w`}>Held-out windows (128 tokens each)</label>
            <select id={`${id}-w`} value={state.windows} disabled={locked.has('windows')} onChange={(e) => setState({ windows: Number(e.target.value) })}>
              {[...new Set([1, 2, 4, 8, 16, 32, state.windows])].sort((a, b) => a - b).map((n) => <option key={n} value={n}>{n} ({n * WINDOW} tokens)</option>)}
            </select>
          </div>
        )}
        {!hidden.has('metric') && (
          <div className="control">
            <label htmlFor={`${id}-m`}>Bars show</label>
            <select id={`${id}-m`} value={state.metric} disabled={locked.has('metric')} onChange={(e) => setState({ metric: e.target.value as PerplexityTableState['metric'] })}>
              {Object.entries(METRIC).map(([k, [label]]) => <option key={k} value={k}>{label}</option>)}
            </select>
          </div>
        )}
        {!hidden.has('backend') && (
          <BackendSelect id={`${id}-e`} value={state.backend} disabled={locked.has('backend')} onChange={(backend) => setState({ backend })} label="Engine" wasmText="WASM (CPU)" />
        )}
      </div>
      <RunBar view={view} start={() => void start()} cancel={cancel} unit="forward passes"
        idleText="Press Run: six small models (about 18 MB together) download once, then each reads the same held-out text in your browser." />
      {rows.length > 0 && (
        <figure className="ev-bars" aria-label={`${METRIC[state.metric][0]} of each model`}>
          {rows.map(({ m, r }) => (
            <div className="ev-bar" key={m} data-model={m}>
              <span>{m}</span>
              <span className="ev-bar-track" aria-hidden="true"><span className="ev-bar-fill" style={{ display: 'block', width: `${(100 * r[state.metric]) / max}%` }} /></span>
              <span className="ev-num">{r[state.metric].toFixed(METRIC[state.metric][1])}</span>
            </div>
          ))}
        </figure>
      )}
      {lm && (
        <p className="ev-small" data-bpb={lm.bitsPerByte.toFixed(4)}>
          The same {lm.tokens} predicted tokens are {lm.bytes} bytes ({(lm.bytes / lm.tokens).toFixed(2)} bytes per token). lm&apos;s
          perplexity per token is {lm.perplexity.toFixed(1)}; a byte-level model spending the same {lm.bitsPerByte.toFixed(3)} bits per
          byte would have a perplexity per byte of 2<sup>{lm.bitsPerByte.toFixed(3)}</sup> = {byteLevelPerplexity(lm).toFixed(2)}. Same
          code length, very different &ldquo;perplexity&rdquo;: only bits per byte compares across tokenizers.
        </p>
      )}
      {rows.length > 0 && (
        <details className="hint">
          <summary>Data table</summary>
          <div className="ev-wrap" tabIndex={0} role="region" aria-label="Held-out loss per model">
            <table>
              <thead><tr><th scope="col">Model</th><th scope="col">Loss</th><th scope="col">PPL</th><th scope="col">Bits/ tok</th><th scope="col">Bits/ byte</th></tr></thead>
              <tbody>
                {rows.map(({ m, r }) => (
                  <tr key={m} data-model={m} data-loss={r.loss.toFixed(4)}>
                    <th scope="row">{m}</th><td>{r.loss.toFixed(3)}</td><td>{r.perplexity.toFixed(1)}</td><td>{r.bitsPerToken.toFixed(2)}</td><td>{r.bitsPerByte.toFixed(3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
      <p className="ev-small">
        Text: the first {state.windows * WINDOW} tokens of the lab&apos;s held-out Austen windows (the last 5% of the novels, never trained on), in windows of {WINDOW} tokens —
        the training length of lm-alibi and lm-learned-pos, so no model reads past what it was trained on. All six share one tokenizer, so here the per-token columns compare too.
      </p>
    </div>
  );
}

export default function PerplexityTable(props: WidgetProps<PerplexityTableState>) {
  return <PerplexityPanel {...props} deps={defaultDeps} />;
}

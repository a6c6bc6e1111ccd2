'use client';
/**
 * lm (teacher), lm-distill and lm-draft on one prompt, live in the model worker: each model's
 * last-position logits (one run per model and prompt), then, for the chosen temperature, the
 * teacher's top tokens with all three probabilities and KL_T(teacher ‖ student) from lib/distill.
 * A temperature change recomputes from the stored logits; a prompt change re-runs the models.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { setBackendStatus } from '@/components/ui/backend-status';
import { defaultDeps, friendlyError, type Deps, type TokenizerLike } from '@/components/lesson/live-model';
import { showToken } from '@/components/viz/show-token';
import { names } from '@/lib/model/names';
import type { BackendChoice } from '@/lib/runtime/protocol';
import type { WidgetProps } from '../types';
import '../quant-weights/quant.css';
import './distill.css';
import type { DistillCompareState } from './index';
import { distillView, LABEL, MODELS, pct, type ModelId } from './layout';
import { BackendSelect } from '@/components/ui/BackendSelect';

type Phase = 'idle' | 'loading' | 'running' | 'done' | 'cancelled' | 'error';
const idsFeed = (ids: readonly number[]) => ({ [names.ids()]: { dtype: 'int64' as const, dims: [1, ids.length], data: BigInt64Array.from(ids, (i) => BigInt(i)) } });

export function DistillComparePanel({ state, setState, hidden, locked, deps }: WidgetProps<DistillCompareState> & { deps: Deps }) {
  const id = useId();
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState<string | null>(null);
  const [logits, setLogits] = useState<Record<ModelId, Float32Array> | null>(null);
  const [choice, setChoice] = useState<BackendChoice | null>(null);
  const [tok, setTok] = useState<TokenizerLike | null>(null);
  const [started, setStarted] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const run = useCallback(async (prompt: string, backend: DistillCompareState['backend']) => {
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    setPhase('loading');
    setError(null);
    try {
      const [client, t] = await Promise.all([deps.client(), deps.tokenizer()]);
      setTok(t);
      for (const m of MODELS) await client.load(m);
      await client.setBackend(backend);
      const c = await client.choose('lm', 'prefill');
      if (ac.signal.aborted) return;
      setChoice(c);
      setBackendStatus({ backend: c.backend, reason: c.reason });
      const ids = t.encode(prompt).slice(-200);
      if (!ids.length) { setLogits(null); setPhase('done'); return; }
      setPhase('running');
      const out = {} as Record<ModelId, Float32Array>;
      for (const m of MODELS) {
        const r = (await client.run(m, 'logits', idsFeed(ids), { workload: 'prefill' })).outputs[names.logits()];
        const [, T, V] = r.dims;
        out[m] = Float32Array.from((r.data as Float32Array).subarray((T - 1) * V, T * V));
        if (ac.signal.aborted) return;
      }
      setLogits(out);
      setPhase('done');
    } catch (e) {
      if (ac.signal.aborted) return;
      setError(friendlyError(e));
      setPhase('error');
    } finally {
      if (abort.current === ac) abort.current = null;
    }
  }, [deps]);

  useEffect(() => {
    if (!started) return;
    const h = setTimeout(() => void run(state.prompt, state.backend), 300);
    return () => clearTimeout(h);
  }, [started, state.prompt, state.backend, run]);
  useEffect(() => () => abort.current?.abort(), []);

  const view = useMemo(() => (logits ? distillView(logits, state.temperature) : null), [logits, state.temperature]);
  const busy = phase === 'loading' || phase === 'running';
  const show = (k: string) => !hidden.has(k);
  const label = (i: number) => { const s = showToken(tok?.tokenText(i) ?? `#${i}`); return s.length > 12 ? `${s.slice(0, 11)}…` : s; };
  return (
    <div className="qw dc" data-phase={phase}>
      {show('prompt') && (
        <div className="control control-wide">
          <label htmlFor={`${id}-p`}>Prompt</label>
          <textarea id={`${id}-p`} rows={2} value={state.prompt} readOnly={locked.has('prompt')} spellCheck={false} onChange={(e) => setState({ prompt: e.target.value })} />
        </div>
      )}
      <div className="controls qw-controls">
        {show('temperature') && (
          <div className="control qw-clip">
            <label htmlFor={`${id}-t`}>Temperature T <output>{state.temperature.toFixed(2)}</output></label>
            <input id={`${id}-t`} type="range" min={0.25} max={8} step={0.25} value={state.temperature} disabled={locked.has('temperature')} onChange={(e) => setState({ temperature: Number(e.target.value) })} />
          </div>
        )}
        {show('backend') && (
          <BackendSelect id={`${id}-b`} value={state.backend} disabled={locked.has('backend')} onChange={(backend) => setState({ backend })} label="Engine" wasmText="WASM (CPU)" />
        )}
      </div>
      <div className="qw-actions">
        {!started || phase === 'cancelled' || phase === 'error' ? <button type="button" className="btn btn-primary" onClick={() => { setStarted(true); if (started) void run(state.prompt, state.backend); }}>Compare</button> : null}
        {busy && <button type="button" className="btn" onClick={() => { abort.current?.abort(); setStarted(false); setPhase('cancelled'); }}>Cancel</button>}
        {choice && <>models run on <BackendBadge backend={choice.backend} reason={choice.reason} /></>}
      </div>
      {error && <p className="qw-error" role="alert">{error}</p>}
      <p role="status" aria-live="polite" className="qw-status">
        {phase === 'idle' ? 'Press Compare: three models download once (about 4 MB + 0.7 MB + 0.7 MB).' : phase === 'loading' ? 'Loading the three models…' : phase === 'running' ? 'Running the prompt through each model…' : phase === 'cancelled' ? 'Stopped.' : phase === 'done' && !view ? 'Type a prompt.' : phase === 'done' ? 'Done. Move the temperature (recomputed at once) or edit the prompt (re-runs the models).' : ''}
      </p>
      {view && (
        <div className="qm-wrap" tabIndex={0} role="region" aria-label="Next-token distributions">
          <p className="qw-small" data-kl-distill={view.kl['lm-distill'].toFixed(6)} data-kl-draft={view.kl['lm-draft'].toFixed(6)}>
            At T = {state.temperature.toFixed(2)}: KL(lm ‖ lm-distill) = <b>{view.kl['lm-distill'].toFixed(4)}</b> nats, KL(lm ‖ lm-draft) = <b>{view.kl['lm-draft'].toFixed(4)}</b> nats.
          </p>
          <table className="qm-table">
            <caption>The teacher’s {view.rows.length} most likely next tokens at T = {state.temperature.toFixed(2)}</caption>
            <thead><tr><th scope="col">token</th>{MODELS.map((m) => <th key={m} scope="col">{LABEL[m]}</th>)}</tr></thead>
            <tbody>{view.rows.map((r) => (
              <tr key={r.id}><td><code>{label(r.id)}</code></td>{MODELS.map((m) => (
                <td key={m}><span className="dc-bar" style={{ width: `${Math.round(24 * r.p[m])}px` }} aria-hidden="true" />{pct(r.p[m])}</td>))}</tr>
            ))}</tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export default function DistillCompare(props: WidgetProps<DistillCompareState>) {
  return <DistillComparePanel {...props} deps={defaultDeps} />;
}

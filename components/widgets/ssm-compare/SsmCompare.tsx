'use client';
/**
 * The same prompt, sampler and seed through lm, lm-moe and lm-ssm (model worker, one after the
 * other), with each model's backend and mean time per generated token; below, the float32 memory
 * each carries between tokens at several context lengths (lib/interp/state-memory.ts).
 */
import { useRef, useState } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { defaultDeps, friendlyError, type Deps } from '@/components/lesson/live-model';
import { formatBytes } from '@/components/ui/ProgressBar';
import { memoryTable } from '@/lib/interp/state-memory';
import type { TransformerConfig } from '@/lib/model/config';
import type { Backend } from '@/lib/runtime/protocol';
import type { WidgetProps } from '../types';
import type { SsmCompareState } from './index';
import '../moe-router/moe-router.css';
import { BackendSelect } from '@/components/ui/BackendSelect';

export const MODELS = ['lm', 'lm-moe', 'lm-ssm'] as const;
const WHAT: Record<(typeof MODELS)[number], string> = { lm: 'attention + one MLP', 'lm-moe': 'attention + 4 experts, top-2', 'lm-ssm': 'Mamba-2 mixer, no attention' };
const CONTEXTS = [32, 128, 256, 512, 1024];

interface Column {
  text: string;
  n: number;
  /** ms of each step after the first (the first includes the prompt) */
  stepMs: number[];
  backends: Backend[];
  note: string | null;
  done: boolean;
}

export function SsmComparePanel({ state, setState, hidden, locked, deps }: WidgetProps<SsmCompareState> & { deps: Deps }) {
  const [cols, setCols] = useState<Partial<Record<string, Column>>>({});
  const [cfgs, setCfgs] = useState<Partial<Record<string, TransformerConfig>>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const run = async () => {
    const ac = new AbortController();
    abort.current = ac;
    setError(null);
    setCols({});
    try {
      const [client, tok] = await Promise.all([deps.client(), deps.tokenizer()]);
      const prompt = tok.encode(state.prompt).slice(-200);
      for (const m of MODELS) {
        if (ac.signal.aborted) break;
        setBusy(m);
        await client.setBackend(state.backend);
        const loaded = await client.load(m);
        setCfgs((c) => ({ ...c, [m]: loaded.info.config as TransformerConfig }));
        const col: Column = { text: '', n: 0, stepMs: [], backends: [], note: null, done: false };
        const ids: number[] = [];
        const req = { prompt, maxNewTokens: state.maxTokens, sampler: { temperature: state.temperature, topK: 40 }, seed: state.seed };
        const onToken = (t: { id: number; index: number; ms: number }) => {
          ids.push(t.id);
          if (t.index > 0) col.stepMs.push(t.ms);
          setCols((c) => ({ ...c, [m]: { ...col, text: tok.decode(ids), n: ids.length } }));
        };
        let r;
        try {
          r = await client.generate(m, req, onToken, { signal: ac.signal });
        } catch (e) {
          if (ac.signal.aborted || state.backend === 'wasm') throw e;
          // a graph that fails on WebGPU: say so and run it on WASM
          col.note = `${m} failed on WebGPU (${friendlyError(e)}); it ran on WASM instead.`;
          ids.length = 0;
          col.stepMs = [];
          await client.setBackend('wasm');
          r = await client.generate(m, req, onToken, { signal: ac.signal });
        }
        setCols((c) => ({ ...c, [m]: { ...col, text: tok.decode(r.newIds), n: r.newIds.length, backends: r.backends, done: true } }));
      }
    } catch (e) {
      if (!ac.signal.aborted) setError(friendlyError(e));
    } finally {
      setBusy(null);
      abort.current = null;
    }
  };

  const table = MODELS.every((m) => cfgs[m]) ? memoryTable(MODELS.map((m) => cfgs[m]!), CONTEXTS) : null;
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  return (
    <div className="mr" data-phase={busy ? 'running' : 'idle'}>
      <div className="controls">
        {!hidden.has('prompt') && (
          <div className="control control-wide">
            <label htmlFor="sc-prompt">Prompt</label>
            <textarea id="sc-prompt" rows={2} value={state.prompt} readOnly={locked.has('prompt')} onChange={(e) => setState({ prompt: e.target.value })} />
          </div>
        )}
        {!hidden.has('maxTokens') && (
          <div className="control">
            <label htmlFor="sc-max">New tokens <output>{state.maxTokens}</output></label>
            <input id="sc-max" type="range" min={1} max={60} value={state.maxTokens} disabled={locked.has('maxTokens')} onChange={(e) => setState({ maxTokens: Number(e.target.value) })} />
          </div>
        )}
        {!hidden.has('temperature') && (
          <div className="control">
            <label htmlFor="sc-temp">Temperature <output>{state.temperature}</output></label>
            <input id="sc-temp" type="range" min={0} max={2} step={0.05} value={state.temperature} disabled={locked.has('temperature')} onChange={(e) => setState({ temperature: Number(e.target.value) })} />
          </div>
        )}
        {!hidden.has('seed') && (
          <div className="control">
            <label htmlFor="sc-seed">Seed</label>
            <input id="sc-seed" type="number" min={0} value={state.seed} disabled={locked.has('seed')} onChange={(e) => setState({ seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} />
          </div>
        )}
        {!hidden.has('backend') && (
          <BackendSelect id="sc-backend" value={state.backend} disabled={locked.has('backend')} onChange={(backend) => setState({ backend })} />
        )}
      </div>
      <div className="mr-actions">
        {busy ? (
          <button type="button" className="btn" onClick={() => abort.current?.abort()}>Cancel</button>
        ) : (
          <button type="button" className="btn btn-primary" onClick={() => void run()}>Generate with all three</button>
        )}
        <span role="status" aria-live="polite" className="mr-status">{busy ? `Loading and running ${busy}… (the three models download once, about 4 MB each)` : ''}</span>
      </div>
      {error && <p className="mr-error" role="alert">{error}</p>}
      <div className="sc-cols">
        {MODELS.map((m) => {
          const c = cols[m];
          return (
            <section className="sc-col" key={m} data-model={m} data-done={c?.done ? 'true' : 'false'} aria-label={`Continuation by ${m}`}>
              <h4><code>{m}</code> <span className="muted">· {WHAT[m]}</span></h4>
              <p className="sc-text">{state.prompt}<b>{c?.text ?? ''}</b></p>
              {c?.note && <p className="url-notes">{c.note}</p>}
              {c?.done && (
                <p className="sc-meta">
                  {c.backends.map((b, i) => <BackendBadge key={i} backend={b} />)} {c.n} tokens
                  {c.stepMs.length > 0 && `, ${mean(c.stepMs).toFixed(1)} ms per token after the first (this page, this device)`}
                </p>
              )}
            </section>
          );
        })}
      </div>
      {table && (
        <div className="mr-table-wrap" tabIndex={0} role="region" aria-label="Memory carried between tokens">
          <table className="mc-history">
            <caption className="muted">Memory each model carries from one token to the next (float32), by context length</caption>
            <thead><tr><th scope="col">Context</th>{MODELS.map((m) => <th scope="col" key={m}>{m}</th>)}</tr></thead>
            <tbody>
              {table.map((r) => (
                <tr key={r.S}><th scope="row">{r.S} tokens</th>{r.bytes.map((b, i) => <td key={i} data-bytes={b}>{formatBytes(b)}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export default function SsmCompare(props: WidgetProps<SsmCompareState>) {
  return <SsmComparePanel {...props} deps={defaultDeps} />;
}

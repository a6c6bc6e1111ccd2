'use client';
/**
 * KV-cache memory from lib/longctx/kv-memory.ts: bytes = 2 · layers · kv heads · d_head · tokens ·
 * batch · bytes per number, for one model (its published config) under MHA, its own sharing and
 * MQA. No model runs here: pure arithmetic on published shapes.
 */
import { useId } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { cacheFormats, formatBytes, knownConfigs, sharingRows } from '@/lib/longctx/kv-memory';
import type { WidgetProps } from '../types';
import type { KvMemoryState } from './index';
import '../positions-extend/positions.css';

const MODELS = ['lm', 'opt-13b', 'mistral-7b', 'llama-2-70b'] as const;
const TOKENS = [256, 2048, 4096, 8192, 32768, 131072];
const BATCHES = [1, 8, 64, 512];
const withCurrent = (xs: number[], v: number) => (xs.includes(v) ? xs : [...xs, v].sort((a, b) => a - b));

export default function KvMemory({ state, setState, hidden, locked }: WidgetProps<KvMemoryState>) {
  const id = useId();
  const c = knownConfigs[state.model];
  const rows = sharingRows(c, state.tokens, state.batch, cacheFormats[state.format]);
  return (
    <div className="px">
      <div className="controls px-controls">
        {!hidden.has('model') && (
          <div className="control">
            <label htmlFor={`${id}-m`}>Model</label>
            <select id={`${id}-m`} value={state.model} disabled={locked.has('model')} onChange={(e) => setState({ model: e.target.value as KvMemoryState['model'] })}>
              {MODELS.map((m) => <option key={m} value={m}>{knownConfigs[m].name}</option>)}
            </select>
          </div>
        )}
        {!hidden.has('format') && (
          <div className="control">
            <label htmlFor={`${id}-f`}>Cache format</label>
            <select id={`${id}-f`} value={state.format} disabled={locked.has('format')} onChange={(e) => setState({ format: e.target.value as KvMemoryState['format'] })}>
              <option value="fp32">fp32 (4 bytes)</option><option value="fp16">fp16 (2 bytes)</option><option value="int8">int8 (1 byte)</option>
            </select>
          </div>
        )}
        {!hidden.has('tokens') && (
          <div className="control">
            <label htmlFor={`${id}-t`}>Tokens</label>
            <select id={`${id}-t`} value={state.tokens} disabled={locked.has('tokens')} onChange={(e) => setState({ tokens: Number(e.target.value) })}>
              {withCurrent(TOKENS, state.tokens).map((t) => <option key={t} value={t}>{t.toLocaleString('en')}</option>)}
            </select>
          </div>
        )}
        {!hidden.has('batch') && (
          <div className="control">
            <label htmlFor={`${id}-b`}>Sequences (batch)</label>
            <select id={`${id}-b`} value={state.batch} disabled={locked.has('batch')} onChange={(e) => setState({ batch: Number(e.target.value) })}>
              {withCurrent(BATCHES, state.batch).map((t) => <option key={t} value={t}>{t}</option>)}
            </select>
          </div>
        )}
        <BackendBadge backend="none" reason="Arithmetic only: no model runs in this figure" />
      </div>
      <p className="px-small">
        {c.name}: {c.nLayers} layers, {c.nHeads} query heads of {c.dHead}, {c.nKvHeads} kv head{c.nKvHeads > 1 ? 's' : ''}. Source: {c.source}.
      </p>
      <div className="px-table-wrap" tabIndex={0} role="region" aria-label="KV-cache bytes per sharing scheme">
        <table data-testid="kv-memory-table">
          <caption>{state.tokens.toLocaleString('en')} tokens × {state.batch} sequence{state.batch > 1 ? 's' : ''}, {state.format}</caption>
          <thead><tr><th scope="col">Sharing</th><th scope="col">Per token</th><th scope="col">Total</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.nKvHeads} data-kind={r.kind}>
                <th scope="row">{r.kind} ({r.nKvHeads} kv){r.published ? ' ★' : ''}</th>
                <td>{formatBytes(r.bytesPerToken)}</td>
                <td>{formatBytes(r.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="px-small muted">★ the model as published. Scales of an int8 cache (a few bytes per block) are not counted.
        {state.tokens > c.contextLength && ` ${state.tokens.toLocaleString('en')} tokens is more than ${c.name}'s context of ${c.contextLength.toLocaleString('en')}.`}</p>
    </div>
  );
}

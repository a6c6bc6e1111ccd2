'use client';
/**
 * MHA vs GQA vs MQA for the shipped model's shape: the config is read from the served
 * models/lm/config.json (nothing is hard-coded), the sharing is drawn from lib/interp kvGroups,
 * and the KV-cache bytes come from lib/interp sharingTable (2 · n_layer · n_kv · d_head · bytes).
 * No model runs here.
 */
import { useEffect, useId, useState } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { MODEL_ID } from '@/components/lesson/live-model';
import { sharingTable, type ShapeLike } from '@/lib/interp/kv-sharing';
import type { WidgetProps } from '../types';
import type { KvState } from './index';
import { bytesText, sharingFigure } from './layout';
import '../attention-explorer/attention.css';
import { sitePath } from '@/components/site-base';

const W = 300;
const H = 110;

function Panel({ nHead, nKvHead, title }: { nHead: number; nKvHead: number; title: string }) {
  const f = sharingFigure(nHead, nKvHead, W - 20);
  const bw = Math.min(44, (W - 20) / nHead - 6);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`${title}: ${f.links.map((l) => `query head ${l.q} reads K/V head ${l.kv}`).join(', ')}`}>
      <text x={10} y={14} className="ax-kv-title">{title}</text>
      <g transform="translate(10 0)">
        {f.links.map((l) => <line key={l.q} x1={l.x1} y1={46} x2={l.x2} y2={78} className="ax-kv-line" />)}
        {f.queries.map((q) => (
          <g key={q.label}><rect x={q.cx - bw / 2} y={24} width={bw} height={22} rx={4} className="ax-kv-q" /><text x={q.cx} y={39} textAnchor="middle" className="ax-kv-text">{q.label}</text></g>
        ))}
        {f.kvs.map((k) => (
          <g key={k.label}><rect x={k.cx - 24} y={78} width={48} height={22} rx={4} className="ax-kv-k" /><text x={k.cx} y={93} textAnchor="middle" className="ax-kv-text">{k.label}</text></g>
        ))}
      </g>
    </svg>
  );
}

export default function KvSharing({ state, setState, hidden, locked }: WidgetProps<KvState>) {
  const id = useId();
  const [cfg, setCfg] = useState<ShapeLike | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetch(sitePath(`models/${MODEL_ID}/config.json`))
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`config.json → HTTP ${r.status}`))))
      .then((c: ShapeLike) => live && setCfg(c))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => { live = false; };
  }, []);
  const bytes = state.dtype === 'fp32' ? 4 : 2;
  const rows = cfg ? sharingTable({ ...cfg, contextLength: state.tokens }, bytes) : [];
  const hs = cfg ? cfg.dModel / cfg.nHead : 0;
  return (
    <div className="ax ax-kv">
      <div className="controls ax-controls">
        {!hidden.has('dtype') && (
          <div className="control">
            <label htmlFor={`${id}-d`}>Cached numbers</label>
            <select id={`${id}-d`} value={state.dtype} disabled={locked.has('dtype')} onChange={(e) => setState({ dtype: e.target.value as KvState['dtype'] })}>
              <option value="fp32">fp32 (4 bytes)</option><option value="fp16">fp16 (2 bytes)</option>
            </select>
          </div>
        )}
        {!hidden.has('tokens') && (
          <div className="control">
            <label htmlFor={`${id}-t`}>Tokens in the cache</label>
            <input id={`${id}-t`} type="number" min={1} max={1000000} value={state.tokens} disabled={locked.has('tokens')}
              onChange={(e) => { const v = Number(e.target.value); if (Number.isInteger(v) && v >= 1 && v <= 1e6) setState({ tokens: v }); }} />
          </div>
        )}
        <BackendBadge backend="none" reason="This figure runs no model: it reads the model's config and does arithmetic." />
      </div>
      {error && <p className="ax-error" role="alert">Could not read the model config: {error}</p>}
      {cfg && (
        <>
          <p className="ax-small" data-config={`${cfg.nLayer},${cfg.nHead},${cfg.nKvHead},${hs}`}>
            From <code>models/{MODEL_ID}/config.json</code>: {cfg.nLayer} layers, {cfg.nHead} query heads, {cfg.nKvHead} key/value heads, d<sub>head</sub> = {cfg.dModel} / {cfg.nHead} = {hs}.
          </p>
          <div className="ax-kv-panels">
            {rows.map((r) => <Panel key={r.kind} nHead={cfg.nHead} nKvHead={r.nKvHead} title={`${r.kind}: ${r.nKvHead} K/V head${r.nKvHead > 1 ? 's' : ''}${r.ours ? ' (our model)' : ''}`} />)}
          </div>
          <div className="ax-table-wrap" tabIndex={0} role="region" aria-label="KV-cache size per scheme">
            <table className="ax-table ax-kv-table">
              <thead>
                <tr><th scope="col">scheme</th><th scope="col">K/V heads</th><th scope="col">bytes per token</th><th scope="col">{state.tokens.toLocaleString('en')} tokens</th><th scope="col">vs MHA</th><th scope="col">K/V weights per layer</th></tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.kind} className={r.ours ? 'ax-ours' : undefined} data-kind={r.kind} data-bytes={r.bytesPerToken}>
                    <th scope="row">{r.kind}{r.ours ? ' (ours)' : ''}</th><td>{r.nKvHead}</td>
                    <td>2·{cfg.nLayer}·{r.nKvHead}·{hs}·{bytes} = {r.bytesPerToken.toLocaleString('en')}</td>
                    <td>{bytesText(r.bytesPerContext)}</td><td>{Math.round(r.ofMha * 100)}%</td><td>{r.kvParamsPerLayer.toLocaleString('en')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

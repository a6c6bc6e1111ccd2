'use client';
/**
 * The KV cache growing: lm generates greedily from a prompt; the cache is drawn per layer × kv
 * head and grows each step, with its bytes (fp32 as our runtime stores it, fp16 / int8 as it would
 * be, from lib/longctx/kv-growth.ts); prefill time and the time per token with and without the
 * cache are measured live (useKvGrowth.ts).
 */
import { useId, useMemo } from 'react';
import { useWidth } from '@/components/ui/useWidth';
import { LineChart } from '@/components/viz/LineChart';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import { cacheCells, cacheTotal, timingSummary } from '@/lib/longctx/kv-growth';
import { formatBytes } from '@/lib/longctx/kv-memory';
import { BackendSelect } from '@/components/ui/BackendSelect';
import type { WidgetProps } from '../types';
import { useCutText } from '../useCutText';
import type { KvGrowthState } from './index';
import { gridBars, LABEL_W, ms, ROW_H, timingSeries } from './layout';
import { useKvGrowth, type GrowthView } from './useKvGrowth';
import { RunActions } from '../positions-extend/RunActions';
import '../positions-extend/positions.css';

function statusText(v: GrowthView): string {
  switch (v.phase) {
    case 'idle': return 'Press Run: lm (about 4 MB) downloads once, then generates here, token by token.';
    case 'loading': return v.download?.phase === 'verify' ? 'Checking the model file (sha256)…' : 'Loading lm and building its graphs…';
    case 'cached': return `With the cache: token ${v.steps.length}…`;
    case 'recompute': return `Without the cache: recomputing the prefix for token ${v.steps.filter((s) => s.recomputeMs !== null).length + 1}…`;
    case 'ready': return 'Done: every time below was measured just now in this browser.';
    case 'cancelled': return 'Cancelled. What was measured so far is shown.';
    case 'error': return 'Something went wrong (see above).';
  }
}

export function KvGrowthPanel({ state, setState, hidden, locked, deps }: WidgetProps<KvGrowthState> & { deps: Deps }) {
  const id = useId();
  const cut = useCutText(300, (prompt) => setState({ prompt }));
  const { view, start, cancel } = useKvGrowth(deps, state);
  const [ref, width] = useWidth<HTMLDivElement>(520);
  const cfg = view.config;
  const last = view.steps[view.steps.length - 1];
  const S = last?.cached ?? 0;
  const capacity = cfg ? Math.min(cfg.contextLength, view.prompt.length + state.tokens) : 0;
  const cells = cfg ? cacheCells(cfg, S) : [];
  // each track is lm's whole context; the lighter part is the prompt's share (filled by the prefill)
  const bars = cfg ? gridBars(cells, cfg.nKvHead, S, cfg.contextLength, Math.max(260, width)) : [];
  const promptBars = cfg ? gridBars(cells, cfg.nKvHead, Math.min(S, view.prompt.length), cfg.contextLength, Math.max(260, width)) : [];
  const total = cfg ? cacheTotal(cfg, S) : null;
  const decode = view.steps.slice(1).filter((s) => s.recomputeMs !== null);
  const t = decode.length > 0 ? timingSummary(decode.map((s) => ({ context: s.context, cachedMs: s.cachedMs, recomputeMs: s.recomputeMs! }))) : null;
  const series = useMemo(() => timingSeries(view.steps), [view.steps]);
  const busy = view.phase === 'loading' || view.phase === 'cached' || view.phase === 'recompute';
  const text = (i: number) => view.tok?.tokenText(i) ?? `#${i}`;
  return (
    <div className="px kg" data-phase={view.phase} ref={ref}>
      <div className="controls px-controls">
        {!hidden.has('prompt') && (
          <div className="control kg-prompt">
            <label htmlFor={`${id}-p`}>Prompt</label>
            <input id={`${id}-p`} type="text" value={state.prompt} disabled={locked.has('prompt')} maxLength={cut.maxLength}
              onPaste={cut.onPaste} onChange={(e) => cut.onChange(e.target.value)} />
            {cut.note && <p className="url-notes" role="status">{cut.note}</p>}
          </div>
        )}
        {!hidden.has('context') && (
          <div className="control">
            <label htmlFor={`${id}-c`}>Held-out text before it</label>
            <select id={`${id}-c`} value={state.context} disabled={locked.has('context')} onChange={(e) => setState({ context: Number(e.target.value) })}>
              {[...new Set([0, 64, 128, 192, state.context])].sort((a, b) => a - b).map((n) => <option key={n} value={n}>{n} tokens</option>)}
            </select>
          </div>
        )}
        {!hidden.has('tokens') && (
          <div className="control">
            <label htmlFor={`${id}-n`}>Tokens to generate</label>
            <select id={`${id}-n`} value={state.tokens} disabled={locked.has('tokens')} onChange={(e) => setState({ tokens: Number(e.target.value) })}>
              {[...new Set([8, 24, 48, 96, 120, state.tokens])].sort((a, b) => a - b).map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </div>
        )}
        {!hidden.has('backend') && (
          <BackendSelect id={`${id}-e`} value={state.backend} disabled={locked.has('backend')} onChange={(backend) => setState({ backend })} label="Engine" wasmText="WASM (CPU)" />
        )}
      </div>
      <RunActions view={view} busy={busy} start={start} cancel={cancel} weights="Model weights (lm)" />
      <p role="status" aria-live="polite" className="px-status">{statusText(view)}</p>
      {busy && view.phase !== 'loading' && (
        <progress className="px-progress" max={2 * state.tokens} aria-label="Steps done"
          value={view.steps.length + view.steps.filter((s) => s.recomputeMs !== null).length} />
      )}
      {view.steps.length > 0 && (
        <p className="kg-text">{view.before > 0 && <span className="muted">[{view.before} tokens of held-out Austen] </span>}<span className="muted">{view.prompt.slice(view.before).map(text).join('')}</span><mark>{view.steps.map((s) => text(s.token)).join('')}</mark></p>
      )}
      {cfg && total && (
        <figure className="px-figure">
          <svg width={Math.max(260, width)} height={cfg.nLayer * (ROW_H + 4) + 18} role="img" aria-label={`KV cache: ${cfg.nLayer} layers × ${cfg.nKvHead} kv heads, ${S} tokens each, ${formatBytes(total.fp32)} in fp32`}>
            {Array.from({ length: cfg.nKvHead }, (_, h) => (
              <text key={h} x={LABEL_W + (h * (Math.max(260, width) - LABEL_W)) / cfg.nKvHead} y={cfg.nLayer * (ROW_H + 4) + 12} className="kg-label">kv head {h}</text>
            ))}
            {bars.map((b, i) => (
              <g key={b.key}>
                {b.x === LABEL_W && <text x={0} y={b.y + ROW_H - 4} className="kg-label">layer {b.key.split('.')[0]}</text>}
                <rect x={b.x} y={b.y} width={b.full} height={ROW_H} rx={3} className="kg-track" />
                <rect x={b.x} y={b.y} width={promptBars[i].w} height={ROW_H} className="kg-bar-prompt"><title>{b.label}</title></rect>
                <rect x={b.x + promptBars[i].w} y={b.y} width={b.w - promptBars[i].w} height={ROW_H} className="kg-bar"><title>{b.label}</title></rect>
              </g>
            ))}
          </svg>
          <figcaption className="px-small" data-testid="kg-bytes">
            Each track is lm&apos;s whole context ({cfg.contextLength} tokens); faded: filled by the prefill; solid: added one decode step at a time.{' '}
            Cache: {S} tokens × {cfg.nLayer} layers × {cfg.nKvHead} kv heads × (K + V) × {cfg.dModel / cfg.nHead} numbers
            = <strong>{formatBytes(total.fp32)}</strong> in fp32 (as stored here), {formatBytes(total.fp16)} in fp16, {formatBytes(total.int8)} in int8.
          </figcaption>
        </figure>
      )}
      {view.prefillMs !== null && (
        <p className="px-small" data-testid="kg-timing">
          Prefill: {view.prompt.length} tokens in one pass, {ms(view.prefillMs)} ms.
          {t && <> Per generated token (median of {decode.length}): <strong>{ms(t.cachedMs)} ms</strong> with the cache, <strong>{ms(t.recomputeMs)} ms</strong> without (without ÷ with = {t.speedup.toFixed(1)}×).</>}
          {' '}Measured now in this browser: noisy, it changes from run to run.
        </p>
      )}
      {series[0].points.length > 0 && (
        <LineChart series={series} xDomain={[view.prompt.length, Math.max(view.prompt.length + 1, capacity - 1)]} xLabel="tokens in the context" yLabel="ms per token"
          summary={t ? `Median ms per token: ${ms(t.cachedMs)} with the cache, ${ms(t.recomputeMs)} without.` : 'Time per token with the cache.'} height={220} />
      )}
      {view.steps.length > 0 && (
        <details className="hint px-data">
          <summary>Data table</summary>
          <div className="px-table-wrap" tabIndex={0} role="region" aria-label="Time per generated token">
            <table>
              <thead><tr><th scope="col">Context</th><th scope="col">Token</th><th scope="col">Cache (fp32)</th><th scope="col">ms, cache</th><th scope="col">ms, none</th></tr></thead>
              <tbody>{view.steps.map((s, k) => (
                <tr key={k}><th scope="row">{s.context}{k === 0 ? ' (prefill)' : ''}</th><td>{JSON.stringify(text(s.token))}</td><td>{formatBytes(cacheTotal(cfg!, s.cached).fp32)}</td><td>{ms(s.cachedMs)}</td><td>{ms(s.recomputeMs)}</td></tr>
              ))}</tbody>
            </table>
          </div>
        </details>
      )}
      <p className="px-small muted">Times are wall-clock from this page around each call to the model worker, so they include the trip to the worker; with the cache, the past keys and values travel with each call.</p>
    </div>
  );
}

export default function KvGrowth(props: WidgetProps<KvGrowthState>) {
  return <KvGrowthPanel {...props} deps={defaultDeps} />;
}

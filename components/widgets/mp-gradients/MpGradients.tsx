'use client';
/**
 * lm's real weight gradients under mixed precision: one forward + backward of lm (lib/train, float32,
 * in a Web Worker) on held-out text, then a histogram of log2 |g| moved right by a loss scale 2^k,
 * with fp16's flush-to-zero, subnormal, normal and overflow ranges marked, and the shares that fp16
 * and bf16 lose at that scale (lib/quant/half-range.ts). Computes only when the button is pressed;
 * the slider then recomputes the shares in the page from the worker's per-scale counts.
 */
import { useMemo } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { useWidth } from '@/components/ui/useWidth';
import { familyManifest } from '@/lib/runtime/family-manifest';
import type { WidgetProps } from '../types';
import type { MpGradientsState } from './index';
import { DataTable, Num, TableWrap } from '../scale-common/Fields';
import { Frame } from '../scale-common/Frame';
import { useScaleJob } from '../scale-common/useScaleJob';
import { LM_CONFIG, linearAxes } from '../lora-rank/layout';
import { mpView, pct } from './layout';
import '../scale-common/scale.css';
import { sitePath } from '@/components/site-base';

const M = { top: 18, right: 10, bottom: 40, left: 54 };
const X: [number, number] = [-56, 36];
/** fp16 on the log2 axis: below 2^-25 → 0; [2^-24, 2^-14) subnormal; up to 65504 normal; from 65520 (≈ 2^16) ∞. */
const ZONES = [
  { from: X[0], to: -25, label: '→ 0', cls: 'mp-zero' },
  { from: -25, to: -14, label: 'subnormal', cls: 'mp-sub' },
  { from: 16, to: X[1], label: '→ ∞', cls: 'mp-inf' },
];

export default function MpGradients({ state, setState, hidden, locked }: WidgetProps<MpGradientsState>) {
  const { st, start, cancel } = useScaleJob();
  const stats = useMemo(() => {
    const e = st.events.find((x) => x.type === 'grads');
    return e && e.type === 'grads' ? e : null;
  }, [st.events]);
  const v = useMemo(() => (stats ? mpView(stats.stats, state.k) : null), [stats, state.k]);
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const maxCount = v ? Math.max(...v.bars.map((b) => b[1])) : 1;
  const a = useMemo(() => linearAxes({ width: Math.max(280, width), height: 240, margin: M, xDomain: X, yDomain: [0, maxCount * 1.05], yFormat: (c) => (c >= 1000 ? `${c / 1000}k` : String(c)) }), [width, maxCount]);
  const running = st.phase === 'running';
  const onStart = async (): Promise<void> => {
    const m = await familyManifest('lm', sitePath('models/')).catch(() => null);
    start({ kind: 'grads', excerptUrl: sitePath('data/corpus-excerpt.json'), weightsUrl: sitePath('models/lm/model.safetensors'), sha256: m?.sha256, tokenizerUrl: sitePath('models/tokenizer/austen-bpe-4096.json'), config: LM_CONFIG, tokens: state.tokens });
  };
  const barW = Math.max(1, a.x(1) - a.x(0) - 1);
  return (
    <div className="sc mp" ref={ref} data-phase={st.phase} data-best-k={v ? v.bestK : ''}>
      <p className="sc-small">
        <BackendBadge backend="ts-cpu" reason="lm's forward and backward pass run in a Web Worker on the lab's own TypeScript kernels in float32, not ONNX Runtime" />{' '}
        One backward pass of <code>lm</code> (2.1M weights) in float32, in a Web Worker; the casts to fp16 and bf16 are simulated bit by bit.
      </p>
      <div className="controls sc-controls">
        {!hidden.has('tokens') && <Num name="tokens" label="Tokens in the batch" value={state.tokens} min={8} max={128} onValue={(t) => setState({ tokens: t })} locked={locked} />}
        {!hidden.has('k') && (
          <div className="sc-range control">
            <label htmlFor="mp-k">Loss scale S = 2^{state.k}{state.k > 0 ? ` = ${(2 ** state.k).toLocaleString('en-US')}` : ' (no scaling)'}</label>
            <input id="mp-k" type="range" min={0} max={32} step={1} value={state.k} disabled={locked.has('k')}
              aria-valuetext={`2 to the ${state.k}`} onChange={(e) => setState({ k: Number(e.target.value) })} />
          </div>
        )}
      </div>
      <div className="control-row">
        <button type="button" disabled={running} onClick={() => void onStart()}>{st.phase === 'idle' ? "Compute lm's gradients" : 'Compute again'}</button>
        <button type="button" onClick={cancel} disabled={!running}>Cancel</button>
      </div>
      {st.phase !== 'idle' && (
        <p className="sc-small" role="status" aria-live="polite" data-testid="mp-status">
          {running ? 'Loading lm and running one forward and backward pass…' : st.phase === 'done' && stats ? `Done in ${(stats.ms / 1000).toFixed(1)} s: loss ${stats.stats.loss.toFixed(3)} nats on ${stats.stats.tokens} tokens.` : st.phase === 'cancelled' ? 'Cancelled.' : 'Failed.'}
        </p>
      )}
      {st.error && <p className="sc-note" role="alert">{st.error}</p>}
      {v && stats && (
        <>
          <TableWrap label="What fp16 and bf16 make of the scaled gradients">
          <table className="sc-table">
            <caption>{v.nonzero.toLocaleString('en-US')} non-zero gradients, times 2^{state.k}</caption>
            <thead><tr><th scope="col">Cast to</th><th scope="col">fp16</th><th scope="col">bf16</th></tr></thead>
            <tbody>
              <tr><th scope="row">→ 0</th><td data-testid="fp16-zero">{pct(v.fp16.zero)}</td><td data-testid="bf16-zero">{pct(v.bf16.zero)}</td></tr>
              <tr><th scope="row">subnormal</th><td data-testid="fp16-sub">{pct(v.fp16.subnormal)}</td><td>{pct(v.bf16.subnormal)}</td></tr>
              <tr><th scope="row">→ ∞</th><td data-testid="fp16-inf">{pct(v.fp16.inf)}</td><td>{pct(v.bf16.inf)}</td></tr>
            </tbody>
          </table>
          </TableWrap>
          <p className="sc-small">
            Largest scale with no fp16 overflow: k = <strong data-testid="mp-best">{v.bestK}</strong>.
            {v.fp16.inf > 0 && ' Some scaled gradients overflow: a dynamic loss scaler would skip this step and halve S.'}
          </p>
        </>
      )}
      <figure className="sc-figure">
        <figcaption>Weight gradients (not activation gradients) per binade of |g · 2^{state.k}| · shaded: fp16 flushes to 0, stores a subnormal, or overflows</figcaption>
        <Frame a={a} xTitle="log2 |g · S|" yTitle="gradients" label={v ? `Histogram of ${v.nonzero} gradients scaled by 2^${state.k}: ${pct(v.fp16.zero)} flush to zero in fp16, ${pct(v.fp16.inf)} overflow.` : 'No gradients computed yet.'}>
          {ZONES.map((z) => <rect key={z.cls} className={z.cls} x={a.x(z.from)} y={a.plot.y} width={a.x(z.to) - a.x(z.from)} height={a.plot.height} />)}
          {ZONES.map((z) => <text key={`t${z.cls}`} className="sc-label sc-halo" x={(a.x(Math.max(z.from, X[0])) + a.x(z.to)) / 2} y={a.plot.y + 12} textAnchor="middle">{z.label}</text>)}
          {v?.bars.map(([b, c]) => <rect key={b} className="sc-c0" x={a.x(b)} y={a.y(c)} width={barW} height={a.y(0) - a.y(c)} />)}
        </Frame>
      </figure>
      {v && (
        <DataTable caption={`Gradients per binade after scaling by 2^${state.k}`} head={['⌊log2 |g·S|⌋', 'gradients', 'fp16']}
          rows={v.bars.map(([b, c]) => [String(b), c.toLocaleString('en-US'), b < -25 ? '0' : b < -14 ? (b === -25 ? 'mostly 2⁻²⁴' : 'subnormal') : b < 16 ? 'normal' : '∞'])} />
      )}
      <p className="sc-small">fp16: smallest subnormal 2⁻²⁴ ≈ 6.0·10⁻⁸, smallest normal 2⁻¹⁴ ≈ 6.1·10⁻⁵, largest 65504. bf16 has float32&apos;s exponent range (smallest normal 2⁻¹²⁶).</p>
    </div>
  );
}

'use client';
/**
 * LoRA's budget: a rank slider gives r(m + n) trainable parameters per adapted matrix against m·n
 * for lm's real projections, and the relative error of the best rank-r approximation of one real
 * lm matrix (its SVD, Eckart & Young 1936): how much of a full matrix a rank-r update can express.
 */
import { useMemo } from 'react';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { useWidth } from '@/components/ui/useWidth';
import type { WidgetProps } from '../types';
import { LORA_TARGET_SETS, SVD_MATRICES, type LoraRankState } from './index';
import { pathOf } from '../scale-common/chart';
import { DataTable, Select, TableWrap } from '../scale-common/Fields';
import { Frame } from '../scale-common/Frame';
import { linearAxes, errorAt, errorPoints, LM_CONFIG, paramCount, rankView, TARGET_LABELS } from './layout';
import { useMatrixSvd } from './useMatrixSvd';
import '../scale-common/scale.css';

const M = { top: 10, right: 12, bottom: 40, left: 54 };
const fmt = (n: number): string => n.toLocaleString('en');
const pct = (x: number): string => `${(100 * x).toFixed(x < 0.01 ? 2 : 1)}%`;

export default function LoraRank({ state, setState, hidden, locked }: WidgetProps<LoraRankState>) {
  const v = useMemo(() => rankView(LM_CONFIG, state.r, state.targets), [state.r, state.targets]);
  const total = paramCount(LM_CONFIG);
  const weight = `blocks.${state.layer}.attn.${state.matrix}.weight`;
  const sv = useMatrixSvd(weight);
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const axes = useMemo(() => {
    const k = sv.errors ? sv.errors.length - 1 : 128;
    return linearAxes({ width: Math.max(280, width), height: 230, margin: M, xDomain: [0, k], yDomain: [0, 1], yFormat: (y) => `${Math.round(y * 100)}%` });
  }, [sv.errors, width]);
  const at = sv.errors ? errorAt(sv.errors, state.r) : null;
  return (
    <div className="sc" ref={ref} data-lora={v.lora} data-full={v.full} data-error={at?.error ?? ''} data-phase={sv.phase}>
      <div className="sc-controls control-row">
        {!hidden.has('r') && (
          <div className="sc-range control">
            <label htmlFor="lr-r">Rank r = {state.r}</label>
            <input id="lr-r" type="range" min={1} max={64} step={1} value={state.r} disabled={locked.has('r')}
              aria-valuetext={`rank ${state.r}`} onChange={(e) => setState({ r: Number(e.target.value) })} />
          </div>
        )}
        {!hidden.has('targets') && (
          <Select name="targets" label="Adapt" value={state.targets} locked={locked}
            options={LORA_TARGET_SETS.map((t) => [t, TARGET_LABELS[t]] as const)} onChange={(t) => setState({ targets: t })} />
        )}
      </div>
      <dl className="sc-stats">
        <div><dt>trainable r(m + n), all 8 blocks</dt><dd data-testid="lora-params">{fmt(v.lora)}</dd></div>
        <div><dt>those matrices in full, m·n</dt><dd data-testid="full-params">{fmt(v.full)}</dd></div>
        <div><dt>share</dt><dd data-testid="share">{pct(v.share)}</dd></div>
        <div><dt>of all {fmt(total)} lm parameters</dt><dd>{pct(v.lora / total)}</dd></div>
      </dl>
      <TableWrap label="One block's adapted matrices">
        <table className="sc-table">
          <caption>Block 0 (every block is alike): W is m × n (out × in)</caption>
          <thead><tr><th scope="col">Matrix</th><th scope="col">m × n</th><th scope="col">m·n</th><th scope="col">r(m + n)</th></tr></thead>
          <tbody>{v.rows.map((r) => <tr key={r.name}><th scope="row">{r.name}</th><td>{r.m} × {r.n}</td><td>{fmt(r.full)}</td><td>{fmt(r.lora)}</td></tr>)}</tbody>
        </table>
      </TableWrap>
      <div className="sc-controls control-row">
        {!hidden.has('layer') && (
          <Select name="layer" label="Block" value={String(state.layer)} locked={locked}
            options={Array.from({ length: LM_CONFIG.nLayer }, (_, i) => [String(i), `block ${i}`] as const)} onChange={(l) => setState({ layer: Number(l) })} />
        )}
        {!hidden.has('matrix') && (
          <Select name="matrix" label="Matrix" value={state.matrix} locked={locked}
            options={SVD_MATRICES.map((m) => [m, m] as const)} onChange={(m) => setState({ matrix: m })} />
        )}
      </div>
      {sv.phase === 'loading' && <ProgressBar loaded={sv.loaded} total={sv.total} label="lm weights" />}
      {sv.phase === 'computing' && <p className="sc-small" role="status">Computing the SVD of {weight} in this page…</p>}
      {sv.phase === 'error' && <p className="sc-note" role="alert">Could not load lm: {sv.error}</p>}
      {sv.errors && at && sv.shape && (
        <>
          <p className="sc-small" role="status" data-testid="svd-status">
            Best rank-{at.rank} approximation of {weight} ({sv.shape[0]} × {sv.shape[1]}): relative error ‖W − W_r‖_F / ‖W‖_F ={' '}
            <strong data-testid="rank-error">{pct(at.error)}</strong>
            {at.rank < state.r ? ` (r is capped at the matrix's rank ${at.rank})` : ''}. Computed here from the shipped weights.
          </p>
          <figure className="sc-figure">
            <figcaption><span className="sc-key sc-c0" aria-hidden="true" />error of the best rank-r approximation <span className="sc-key sc-c1" aria-hidden="true" />your r</figcaption>
            <Frame a={axes} xTitle="rank r" yTitle="relative error"
              label={`Relative error of the best rank-r approximation of ${weight}, from 100% at r = 0 to 0 at r = ${sv.errors.length - 1}; ${pct(at.error)} at r = ${at.rank}.`}>
              <path className="sc-line sc-line-0" d={pathOf(axes, errorPoints(sv.errors))} />
              <circle className="sc-c1" cx={axes.x(at.rank)} cy={axes.y(at.error)} r={5} />
            </Frame>
          </figure>
          <DataTable caption={`Singular values and rank-r errors of ${weight}`} head={['r', 'σ_r', 'error at rank r']}
            rows={Array.from(sv.s ?? [], (s, i) => [String(i + 1), s.toFixed(4), pct(sv.errors![i + 1])])} />
        </>
      )}
    </div>
  );
}

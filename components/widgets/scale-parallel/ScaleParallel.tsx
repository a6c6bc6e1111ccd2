'use client';
/**
 * N devices: d-way data, t-way tensor and p-way pipeline parallelism with a ZeRO stage over the
 * data-parallel group. Per-device memory (all four ZeRO stages side by side), bytes each device
 * sends per step, and the GPipe schedule with its bubble. Formulas only (lib/scale/parallel.ts).
 */
import { useMemo } from 'react';
import { formatBytes, formatCount } from '@/lib/scale';
import type { WidgetProps } from '../types';
import type { ScaleParallelState } from './index';
import { DataTable, TableWrap, Dec, ModelFields, Num, Select, TrainingFields } from '../scale-common/Fields';
import { StackedBars } from '../scale-common/StackedBars';
import { parallelView } from './layout';
import { Schedule } from './Schedule';
import '../scale-common/scale.css';

const PARTS = ['weights', 'gradients', 'optimizer states', 'activations'] as const;
const STAGE = ['0 (plain data parallel)', '1 (optimizer states)', '2 (+ gradients)', '3 (+ weights)'];

export default function ScaleParallel({ state, setState, hidden, locked }: WidgetProps<ScaleParallelState>) {
  const v = useMemo(() => parallelView(state), [state]);
  const r = v.result;
  const show = (k: string) => !hidden.has(k);
  const rows = v.stages.map((s, i) => ({ label: `ZeRO-${i}`, parts: [s.states.weights, s.states.grads, s.states.optimizer, s.activations], highlight: String(i) === state.zero }));
  return (
    <div className="sc" data-per-device={r.perDevice} data-bubble={r.bubble} data-comm={r.comm.total}>
      <ModelFields state={state} setState={setState} hidden={hidden} locked={locked} />
      <TrainingFields state={state} setState={setState} hidden={hidden} locked={locked} />
      <div className="controls sc-controls">
        {show('paramsB') && <Dec name="paramsB" label="Ψ override (billions, 0 = model's)" value={state.paramsB} min={0} max={2000} step={0.1} locked={locked} onValue={(paramsB) => setState({ paramsB })} />}
        {show('devices') && <Num name="devices" label="Devices N" value={state.devices} min={1} max={4096} locked={locked} onValue={(devices) => setState({ devices })} />}
        {show('tp') && <Num name="tp" label="Tensor parallel t" value={state.tp} min={1} max={64} locked={locked} onValue={(tp) => setState({ tp })} />}
        {show('pp') && <Num name="pp" label="Pipeline stages p" value={state.pp} min={1} max={128} locked={locked} onValue={(pp) => setState({ pp })} />}
        {show('micro') && <Num name="micro" label="Micro-batches m" value={state.micro} min={1} max={512} locked={locked} onValue={(micro) => setState({ micro })} />}
        {show('zero') && (
          <Select name="zero" label="ZeRO stage" value={state.zero} locked={locked} onChange={(zero) => setState({ zero })}
            options={(['0', '1', '2', '3'] as const).map((z, i) => [z, STAGE[i]] as const)} />
        )}
      </div>
      {v.notes.map((n) => <p key={n} className="sc-note" role="status">{n}</p>)}
      <dl className="sc-stats">
        <div><dt>Split</dt><dd data-testid="split">d {v.dp} × t {state.tp} × p {state.pp} = {v.used} devices</dd></div>
        <div><dt>Ψ</dt><dd>{formatCount(v.params)}</dd></div>
        <div><dt>Memory per device</dt><dd data-testid="per-device">{formatBytes(r.perDevice)}</dd></div>
        <div><dt>Sent per device per step</dt><dd data-testid="comm">{formatBytes(r.comm.total)}</dd></div>
        <div><dt>Pipeline bubble</dt><dd data-testid="bubble">{(r.bubble * 100).toFixed(1)}%</dd></div>
      </dl>
      <TableWrap label="Memory and traffic of one device">
        <table className="sc-table">
          <caption>One device, ZeRO-{state.zero}: {formatCount(r.shardParams)} parameters per model-parallel shard, {r.layersPerStage.toFixed(r.layersPerStage % 1 ? 1 : 0)} layers per stage, {r.inFlight} micro-batch{r.inFlight > 1 ? 'es' : ''} of activations held</caption>
          <thead><tr><th scope="col">Item</th><th scope="col">Per device</th></tr></thead>
          <tbody>
            <tr><th scope="row">Weights</th><td>{formatBytes(r.states.weights)}</td></tr>
            <tr><th scope="row">Gradients</th><td>{formatBytes(r.states.grads)}</td></tr>
            <tr><th scope="row">Optimizer states</th><td>{formatBytes(r.states.optimizer)}</td></tr>
            <tr><th scope="row">Activations</th><td>{formatBytes(r.activations)}</td></tr>
            <tr className="sc-strong"><th scope="row">Total</th><td>{formatBytes(r.perDevice)}</td></tr>
            <tr><th scope="row">Data-parallel gradient all-reduce{state.zero === '3' ? ' (×1.5, ZeRO-3)' : ''}</th><td>{formatBytes(r.comm.dp)}</td></tr>
            <tr><th scope="row">Tensor-parallel all-reduces ({state.micro} × {r.layersPerStage.toFixed(r.layersPerStage % 1 ? 1 : 0)} layers × 4)</th><td>{formatBytes(r.comm.tp)}</td></tr>
            <tr><th scope="row">Pipeline sends (activation + gradient per micro-batch)</th><td>{formatBytes(r.comm.pp)}</td></tr>
            <tr><th scope="row">Bubble: (p−1)/(m+p−1) of the step · (p−1)/m of the work</th><td>{(r.bubble * 100).toFixed(1)}% · {(r.bubbleOverIdeal * 100).toFixed(1)}%</td></tr>
          </tbody>
        </table>
      </TableWrap>
      <StackedBars rows={rows} partNames={PARTS} format={formatBytes} refValue={80e9} refLabel="one 80 GB GPU"
        caption="Memory per device for each ZeRO stage at this split; the chosen stage is outlined."
        ariaLabel={`Memory per device by ZeRO stage: ${rows.map((x) => `${x.label} ${formatBytes(x.parts.reduce((a, b) => a + b, 0))}`).join('; ')}`} />
      <DataTable caption="Per device, by ZeRO stage (GB = 10⁹ bytes)" head={['Stage', 'Weights', 'Gradients', 'Optimizer', 'Model states', 'Activations', 'Total', 'Sent per step']}
        rows={v.stages.map((s, i) => [`ZeRO-${i}`, formatBytes(s.states.weights), formatBytes(s.states.grads), formatBytes(s.states.optimizer), formatBytes(s.states.total), formatBytes(s.activations), formatBytes(s.perDevice), formatBytes(s.comm.total)])} />
      <Schedule p={state.pp} m={state.micro} bubble={r.bubble} />
      <p className="sc-small">
        Formulas, not a measurement: states split evenly over the t · p model-parallel devices, activations by Korthikanti et al.&apos;s count (16-bit; doubled
        for fp32) with sequence parallelism when t &gt; 1, the 1F1B schedule&apos;s at most p micro-batches in flight, and ring collectives.
      </p>
    </div>
  );
}

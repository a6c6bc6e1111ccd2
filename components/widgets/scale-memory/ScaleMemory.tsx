'use client';
/**
 * Training memory on one device: the chosen model's parameters (grouped, and next to the count
 * its paper prints), then weights / gradients / optimizer states / activations for the chosen
 * precision and optimizer, and a stacked bar per precision × optimizer pair. Formulas only:
 * nothing is measured or trained.
 */
import { useMemo } from 'react';
import { formatBytes, formatCount } from '@/lib/scale';
import type { WidgetProps } from '../types';
import type { ScaleMemoryState } from './index';
import { DataTable, TableWrap, ModelFields, TrainingFields } from '../scale-common/Fields';
import { StackedBars } from '../scale-common/StackedBars';
import { comboLabel, memoryView } from './layout';
import '../scale-common/scale.css';

const GPU = 80e9;
const PARTS = ['weights', 'gradients', 'optimizer states', 'activations'] as const;
const n = (v: number) => v.toLocaleString('en-US');

export default function ScaleMemory({ state, setState, hidden, locked }: WidgetProps<ScaleMemoryState>) {
  const v = useMemo(() => memoryView(state), [state]);
  const { params: p, current: m, model } = v;
  const rows = v.combos.map((c) => ({
    label: c.label,
    parts: [c.memory.weights, c.memory.grads, c.memory.optimizer, c.memory.activations],
    highlight: c.precision === state.precision && c.optimizer === state.optimizer,
  }));
  const pr = model.preset;
  const diff = pr ? (p.total - pr.cited) / pr.cited : 0;
  return (
    <div className="sc" data-params={p.total} data-total={m.all}>
      <ModelFields state={state} setState={setState} hidden={hidden} locked={locked} />
      <TrainingFields state={state} setState={setState} hidden={hidden} locked={locked} />
      {model.note && <p className="sc-note" role="status">{model.note}</p>}
      <dl className="sc-stats">
        <div><dt>Parameters</dt><dd data-testid="params">{n(p.total)} ({formatCount(p.total)})</dd></div>
        <div><dt>Model states</dt><dd>{formatBytes(m.total)}</dd></div>
        <div><dt>Activations</dt><dd>{formatBytes(m.activations)}</dd></div>
        <div><dt>Total on one device</dt><dd data-testid="total">{formatBytes(m.all)}</dd></div>
      </dl>
      {pr && (
        <p className="sc-small">
          {pr.source} prints <b>{pr.citedText}</b>{pr.released ? <>; the released checkpoint is called <b>{formatCount(pr.released)}</b></> : null}.
          Counting every weight of this config gives {formatCount(p.total)} ({diff >= 0 ? '+' : ''}{(diff * 100).toFixed(2)}% against the printed figure).
        </p>
      )}
      <TableWrap label="Where the parameters are">
        <table className="sc-table">
          <caption>Where the parameters are</caption>
          <thead><tr><th scope="col">Group</th><th scope="col">Parameters</th><th scope="col">Share</th></tr></thead>
          <tbody>
            {([['Embeddings (+ untied head)', p.embedding], ['Attention', p.attention], ['MLP', p.mlp], ['Norms', p.norm]] as const).map(([k, x]) => (
              <tr key={k}><th scope="row">{k}</th><td>{n(x)}</td><td>{((100 * x) / p.total).toFixed(1)}%</td></tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <TableWrap label="Memory for the chosen setup">
        <table className="sc-table">
          <caption>Memory for {comboLabel(state.precision, state.optimizer)}, {state.microBatch} × {state.seq} tokens, recompute: {state.recompute}</caption>
          <thead><tr><th scope="col">Item</th><th scope="col">Bytes / param</th><th scope="col">Size</th></tr></thead>
          <tbody>
            <tr><th scope="row">Weights</th><td>{(m.weights / p.total).toFixed(0)}</td><td data-testid="weights">{formatBytes(m.weights)}</td></tr>
            <tr><th scope="row">Gradients</th><td>{(m.grads / p.total).toFixed(0)}</td><td>{formatBytes(m.grads)}</td></tr>
            <tr><th scope="row">Optimizer states</th><td>{(m.optimizer / p.total).toFixed(state.optimizer === 'adam8bit' ? 3 : 0)}</td><td>{formatBytes(m.optimizer)}</td></tr>
            <tr><th scope="row">Activations ({model.spec.nLayer} layers)</th><td>—</td><td>{formatBytes(m.activations)}</td></tr>
            <tr className="sc-strong"><th scope="row">Total</th><td>—</td><td>{formatBytes(m.all)}</td></tr>
          </tbody>
        </table>
      </TableWrap>
      <StackedBars rows={rows} partNames={PARTS} format={formatBytes} refValue={GPU} refLabel="one 80 GB GPU"
        caption="Training memory on one device for each precision and optimizer; the selected one is outlined."
        ariaLabel={`Training memory per precision and optimizer: ${rows.map((r) => `${r.label} ${formatBytes(r.parts.reduce((a, b) => a + b, 0))}`).join('; ')}`} />
      <DataTable caption="Training memory on one device (GB = 10⁹ bytes)" head={['Setup', 'Weights', 'Gradients', 'Optimizer', 'Activations', 'Total']}
        rows={v.combos.map((c) => [c.label, formatBytes(c.memory.weights), formatBytes(c.memory.grads), formatBytes(c.memory.optimizer), formatBytes(c.memory.activations), formatBytes(c.memory.all)])} />
      <p className="sc-small">
        Computed from formulas (ZeRO&apos;s accounting for model states, Korthikanti et al.&apos;s for activations: 16-bit, doubled for fp32); nothing is measured.
        Real runs also need temporary buffers and lose some memory to fragmentation.{model.preset ? null : ' A custom GPT-style model gets learned positions for 2048 tokens.'}
      </p>
    </div>
  );
}

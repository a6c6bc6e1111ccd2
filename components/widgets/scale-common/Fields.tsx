'use client';
/**
 * Form pieces shared by the scale-* widgets: a labelled <select>, a labelled whole-number field
 * (bpe-trainer's NumberField: typing is free, only valid numbers reach the state), the model
 * picker with its custom-config fields, and the training-setup fields.
 */
import { useId, useState, type ReactNode } from 'react';
import { NumberField } from '../bpe-trainer/NumberField';
import { MODEL_IDS, type ModelState, type TrainingState } from './schema';

const MODEL_LABELS: Record<(typeof MODEL_IDS)[number], string> = {
  'gpt2-small': 'GPT-2 small', 'gpt2-medium': 'GPT-2 medium', 'gpt2-large': 'GPT-2 large', 'gpt2-xl': 'GPT-2 XL',
  'gpt3-small': 'GPT-3 Small', 'gpt3-medium': 'GPT-3 Medium', 'gpt3-large': 'GPT-3 Large', 'gpt3-xl': 'GPT-3 XL',
  'gpt3-2.7b': 'GPT-3 2.7B', 'gpt3-6.7b': 'GPT-3 6.7B', 'gpt3-13b': 'GPT-3 13B', 'gpt3-175b': 'GPT-3 175B',
  'llama-7b': 'Llama 7B (= Llama 2 7B)', 'llama-13b': 'Llama 13B', 'llama-33b': 'Llama 33B', 'llama-65b': 'Llama 65B',
  lm: 'lm (this lab, 2.1M)', custom: 'Custom…',
};

interface Ctl {
  hidden: ReadonlySet<string>;
  locked: ReadonlySet<string>;
}

export function Select<V extends string>({ name, label, value, options, onChange, locked }: {
  name: string; label: string; value: V; options: readonly (readonly [V, string])[]; onChange: (v: V) => void; locked: ReadonlySet<string>;
}) {
  const id = useId();
  return (
    <div className="control">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} disabled={locked.has(name)} onChange={(e) => onChange(e.target.value as V)}>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </div>
  );
}

export function Num({ name, label, value, min, max, onValue, locked }: {
  name: string; label: ReactNode; value: number; min: number; max: number; onValue: (v: number) => void; locked: ReadonlySet<string>;
}) {
  const id = useId();
  return (
    <div className="control sc-num">
      <label htmlFor={id}>{label}</label>
      <NumberField id={id} value={value} min={min} max={max} readOnly={locked.has(name)} onValue={onValue} />
    </div>
  );
}

export function ModelFields({ state, setState, hidden, locked }: Ctl & { state: ModelState; setState: (p: Partial<ModelState>) => void }) {
  const show = (k: string) => !hidden.has(k);
  const custom = state.model === 'custom';
  return (
    <div className="controls sc-controls">
      {show('model') && (
        <Select name="model" label="Model" value={state.model} locked={locked} onChange={(model) => setState({ model })}
          options={MODEL_IDS.map((m) => [m, MODEL_LABELS[m]] as const)} />
      )}
      {custom && show('style') && (
        <Select name="style" label="Style" value={state.style} locked={locked} onChange={(style) => setState({ style })}
          options={[['llama', 'Llama (RMSNorm, SwiGLU, RoPE, untied)'], ['gpt', 'GPT (LayerNorm, GELU, learned positions, tied)']]} />
      )}
      {custom && show('layers') && <Num name="layers" label="Layers" value={state.layers} min={1} max={256} locked={locked} onValue={(layers) => setState({ layers })} />}
      {custom && show('dModel') && <Num name="dModel" label="d_model" value={state.dModel} min={8} max={65536} locked={locked} onValue={(dModel) => setState({ dModel })} />}
      {custom && show('heads') && <Num name="heads" label="Heads" value={state.heads} min={1} max={512} locked={locked} onValue={(heads) => setState({ heads })} />}
      {custom && show('kvHeads') && <Num name="kvHeads" label="KV heads" value={state.kvHeads} min={1} max={512} locked={locked} onValue={(kvHeads) => setState({ kvHeads })} />}
      {custom && show('dFF') && <Num name="dFF" label="MLP width" value={state.dFF} min={8} max={262144} locked={locked} onValue={(dFF) => setState({ dFF })} />}
      {custom && show('vocab') && <Num name="vocab" label="Vocabulary" value={state.vocab} min={2} max={1000000} locked={locked} onValue={(vocab) => setState({ vocab })} />}
    </div>
  );
}

export function TrainingFields({ state, setState, hidden, locked }: Ctl & { state: TrainingState; setState: (p: Partial<TrainingState>) => void }) {
  const show = (k: string) => !hidden.has(k);
  return (
    <div className="controls sc-controls">
      {show('precision') && (
        <Select name="precision" label="Precision" value={state.precision} locked={locked} onChange={(precision) => setState({ precision })}
          options={[['mixed', 'bf16 mixed precision'], ['fp32', 'fp32']]} />
      )}
      {show('optimizer') && (
        <Select name="optimizer" label="Optimizer" value={state.optimizer} locked={locked} onChange={(optimizer) => setState({ optimizer })}
          options={[['adam', 'Adam(W)'], ['adam8bit', '8-bit Adam'], ['sgd', 'SGD + momentum']]} />
      )}
      {show('recompute') && (
        <Select name="recompute" label="Recompute activations" value={state.recompute} locked={locked} onChange={(recompute) => setState({ recompute })}
          options={[['none', 'none'], ['selective', 'selective (attention)'], ['full', 'full (layer inputs only)']]} />
      )}
      {show('seq') && <Num name="seq" label="Sequence length" value={state.seq} min={1} max={131072} locked={locked} onValue={(seq) => setState({ seq })} />}
      {show('microBatch') && <Num name="microBatch" label="Micro-batch" value={state.microBatch} min={1} max={1024} locked={locked} onValue={(microBatch) => setState({ microBatch })} />}
    </div>
  );
}

/** The data-table alternative of a chart. */
export function DataTable({ caption, head, rows }: { caption: string; head: readonly string[]; rows: readonly (readonly ReactNode[])[] }) {
  return (
    <details className="sc-details">
      <summary>Data table</summary>
      <div className="sc-table-wrap" tabIndex={0} role="region" aria-label={caption}>
        <table className="sc-table">
          <caption>{caption}</caption>
          <thead><tr>{head.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
          <tbody>{rows.map((r, i) => <tr key={i}>{r.map((c, j) => (j === 0 ? <th key={j} scope="row">{c}</th> : <td key={j}>{c}</td>))}</tr>)}</tbody>
        </table>
      </div>
    </details>
  );
}

/** A decimal input: the state changes only when the text is a number within [min, max]. */
export function Dec({ name, label, value, min, max, step, onValue, locked }: {
  name: string; label: ReactNode; value: number; min: number; max: number; step: number; onValue: (v: number) => void; locked: ReadonlySet<string>;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <div className="control sc-num">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="number" inputMode="decimal" min={min} max={max} step={step} value={draft ?? String(value)} readOnly={locked.has(name)}
        onChange={(e) => {
          const t = e.target.value;
          setDraft(t);
          const v = Number(t);
          if (t.trim() !== '' && Number.isFinite(v) && v >= min && v <= max && v !== value) onValue(v);
        }}
        onBlur={() => setDraft(null)} onKeyDown={(e) => e.key === 'Enter' && setDraft(null)} />
    </div>
  );
}

/** A table that scrolls sideways on a narrow screen; the wrapper is focusable so keyboard users can scroll it. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return <div className="sc-table-wrap" tabIndex={0} role="region" aria-label={label}>{children}</div>;
}

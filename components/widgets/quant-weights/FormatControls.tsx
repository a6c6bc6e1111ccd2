'use client';
/** Format, group size and clipping: the controls both quantization widgets share. */
import { useId } from 'react';
import { FORMAT_CHOICES, GROUP_CHOICES } from './index';

/** Labels of the formats (the same words as lib/quant FORMATS[id].label; a test checks). */
export const FORMAT_LABELS: Record<(typeof FORMAT_CHOICES)[number], string> = {
  fp16: 'fp16',
  bf16: 'bf16',
  int8: 'int8, symmetric, per tensor',
  'int8-channel': 'int8, symmetric, per channel',
  'int8-asym': 'int8, asymmetric, per tensor',
  'int8-asym-channel': 'int8, asymmetric, per channel',
  int4: 'int4, symmetric, groups of g',
  'int4-asym': 'int4, asymmetric, groups of g',
  nf4: 'NF4 (QLoRA), groups of g',
};
export const GROUPED = new Set(['int4', 'int4-asym', 'nf4']);

export interface FormatState {
  format: (typeof FORMAT_CHOICES)[number];
  group: (typeof GROUP_CHOICES)[number];
  clip: number;
}

interface Props<S extends FormatState> {
  state: S;
  setState: (p: Partial<S>) => void;
  hidden: ReadonlySet<string>;
  locked: ReadonlySet<string>;
}

export function FormatControls<S extends FormatState>({ state, setState, hidden, locked }: Props<S>) {
  const id = useId();
  const grouped = GROUPED.has(state.format);
  const is16 = state.format === 'fp16' || state.format === 'bf16';
  return (
    <div className="controls qw-controls">
      {!hidden.has('format') && (
        <div className="control">
          <label htmlFor={`${id}-f`}>Format</label>
          <select id={`${id}-f`} value={state.format} disabled={locked.has('format')}
            onChange={(e) => setState({ format: e.target.value as S['format'] } as Partial<S>)}>
            {FORMAT_CHOICES.map((f) => <option key={f} value={f}>{FORMAT_LABELS[f]}</option>)}
          </select>
        </div>
      )}
      {!hidden.has('group') && (
        <div className="control">
          <label htmlFor={`${id}-g`}>Group size g</label>
          <select id={`${id}-g`} value={state.group} disabled={locked.has('group') || !grouped}
            aria-describedby={grouped ? undefined : `${id}-gn`}
            onChange={(e) => setState({ group: e.target.value as S['group'] } as Partial<S>)}>
            {GROUP_CHOICES.map((g) => <option key={g} value={g}>{g} weights</option>)}
          </select>
          {!grouped && <span id={`${id}-gn`} className="qw-hint">only int4 / NF4 use groups</span>}
        </div>
      )}
      {!hidden.has('clip') && (
        <div className="control qw-clip">
          <label htmlFor={`${id}-c`}>Clip range to <output htmlFor={`${id}-c`}>{is16 ? 'n/a' : `${Math.round(state.clip * 100)}%`}</output></label>
          <input id={`${id}-c`} type="range" min={0.3} max={1} step={0.05} value={state.clip} disabled={locked.has('clip') || is16}
            onChange={(e) => setState({ clip: Number(e.target.value) } as Partial<S>)} />
        </div>
      )}
    </div>
  );
}

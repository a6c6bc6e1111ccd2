'use client';
/** The prompt and the five knobs of the next-token widget, plus the seed. */
import { useId } from 'react';
import { MAX_PROMPT, type NextTokenState } from './index';
import { useCutText } from '../useCutText';

interface Props {
  state: NextTokenState;
  setState: (p: Partial<NextTokenState>) => void;
  hidden: ReadonlySet<string>;
  locked: ReadonlySet<string>;
}

const clampInt = (raw: string, min: number, max: number): number | null => {
  const n = Number(raw);
  return raw.trim() !== '' && Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : null;
};

interface SliderSpec {
  key: 'temperature' | 'topP' | 'minP' | 'repetitionPenalty';
  label: string;
  min: number;
  max: number;
  step: number;
  show: (v: number) => string;
}

const SLIDERS: SliderSpec[] = [
  { key: 'temperature', label: 'Temperature', min: 0, max: 2, step: 0.05, show: (v) => (v === 0 ? '0 (greedy)' : v.toFixed(2)) },
  { key: 'topP', label: 'Top-p', min: 0.05, max: 1, step: 0.05, show: (v) => (v >= 1 ? 'off' : v.toFixed(2)) },
  { key: 'minP', label: 'Min-p', min: 0, max: 1, step: 0.01, show: (v) => (v <= 0 ? 'off' : v.toFixed(2)) },
  { key: 'repetitionPenalty', label: 'Repeat penalty', min: 1, max: 2, step: 0.05, show: (v) => (v === 1 ? 'off' : v.toFixed(2)) },
];

export function Controls({ state, setState, hidden, locked }: Props) {
  const id = useId();
  const cut = useCutText(MAX_PROMPT, (prompt) => setState({ prompt }));
  const show = (k: string) => !hidden.has(k);
  return (
    <div className="nt-controls">
      {show('prompt') && (
        <div className="control control-wide">
          <label htmlFor={`${id}-prompt`}>Prompt</label>
          <textarea id={`${id}-prompt`} rows={2} value={state.prompt} readOnly={locked.has('prompt')} aria-readonly={locked.has('prompt')}
            maxLength={cut.maxLength} onPaste={cut.onPaste} onChange={(e) => cut.onChange(e.target.value)} spellCheck={false} />
          {cut.note && <p className="url-notes" role="status">{cut.note}</p>}
        </div>
      )}
      <div className="controls nt-sliders">
        {SLIDERS.filter((s) => show(s.key)).map((s) => (
          <div className="control" key={s.key}>
            <label htmlFor={`${id}-${s.key}`}>{s.label} <output htmlFor={`${id}-${s.key}`}>{s.show(state[s.key])}</output></label>
            <input id={`${id}-${s.key}`} type="range" min={s.min} max={s.max} step={s.step} value={state[s.key]} disabled={locked.has(s.key)}
              onChange={(e) => setState({ [s.key]: Number(e.target.value) })} />
          </div>
        ))}
        {show('topK') && (
          <div className="control nt-num">
            <label htmlFor={`${id}-k`}>Top-k (0 = off)</label>
            <input id={`${id}-k`} type="number" min={0} max={4096} step={1} value={state.topK} disabled={locked.has('topK')}
              onChange={(e) => { const v = clampInt(e.target.value, 0, 4096); if (v !== null) setState({ topK: v }); }} />
          </div>
        )}
        {show('seed') && (
          <div className="control nt-num">
            <label htmlFor={`${id}-s`}>Seed</label>
            <input id={`${id}-s`} type="number" min={0} max={4294967295} step={1} value={state.seed} disabled={locked.has('seed')}
              onChange={(e) => { const v = clampInt(e.target.value, 0, 0xffffffff); if (v !== null) setState({ seed: v }); }} />
          </div>
        )}
      </div>
      {state.temperature === 0 && (
        <p className="nt-hint">Temperature 0 is greedy decoding: all the probability goes to the single most likely token.</p>
      )}
    </div>
  );
}

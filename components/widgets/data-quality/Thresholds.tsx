'use client';
/** The threshold sliders of the data-quality widget (one per rule; keyboard: arrows / Page Up/Down). */
import { useId } from 'react';
import type { DataQualityState } from './index';

type Key = 'minWords' | 'minMeanLen' | 'maxMeanLen' | 'maxSymbol' | 'minAlpha' | 'minStop' | 'maxTop2' | 'maxDup5' | 'maxLetters';

const SLIDERS: Array<{ key: Key; label: string; min: number; max: number; step: number }> = [
  { key: 'minWords', label: 'Min. words', min: 0, max: 300, step: 1 },
  { key: 'minMeanLen', label: 'Min. mean word length', min: 0, max: 10, step: 0.1 },
  { key: 'maxMeanLen', label: 'Max. mean word length', min: 3, max: 20, step: 0.1 },
  { key: 'maxSymbol', label: 'Max. # or … per word', min: 0, max: 1, step: 0.01 },
  { key: 'minAlpha', label: 'Min. share of words with a letter', min: 0, max: 1, step: 0.01 },
  { key: 'minStop', label: 'Min. stop words (of 8)', min: 0, max: 8, step: 1 },
  { key: 'maxTop2', label: 'Max. chars in top 2-gram', min: 0, max: 1, step: 0.01 },
  { key: 'maxDup5', label: 'Max. chars in repeated 5-grams', min: 0, max: 1, step: 0.01 },
  { key: 'maxLetters', label: 'Max. letter-profile distance', min: 0, max: 1, step: 0.01 },
];

export function Thresholds({ state, setState, hidden, locked }: { state: DataQualityState; setState: (p: Partial<DataQualityState>) => void; hidden: ReadonlySet<string>; locked: ReadonlySet<string> }) {
  const base = useId();
  return (
    <div className="dw-controls">
      {SLIDERS.filter((s) => !hidden.has(s.key)).map((s) => (
        <div className="control" key={s.key}>
          <label htmlFor={`${base}-${s.key}`}>
            {s.label}
            <output htmlFor={`${base}-${s.key}`}>{state[s.key]}</output>
          </label>
          <input
            id={`${base}-${s.key}`}
            type="range"
            min={s.min}
            max={s.max}
            step={s.step}
            value={state[s.key]}
            disabled={locked.has(s.key)}
            onChange={(e) => setState({ [s.key]: Number(e.target.value) } as Partial<DataQualityState>)}
          />
        </div>
      ))}
    </div>
  );
}

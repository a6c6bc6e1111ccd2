'use client';
/** Controls of the data-dedup widget: method, source, and the method's parameters (sliders). */
import { useId } from 'react';
import type { DataDedupState } from './index';

type NumKey = 'n' | 'bands' | 'rows' | 'threshold' | 'bits' | 'minChars' | 'seed';
const SLIDERS: Record<NumKey, { label: string; min: number; max: number; step: number }> = {
  n: { label: 'Shingle: words', min: 1, max: 10, step: 1 },
  bands: { label: 'Bands b', min: 1, max: 50, step: 1 },
  rows: { label: 'Rows per band r', min: 1, max: 20, step: 1 },
  threshold: { label: 'Jaccard threshold', min: 0.1, max: 1, step: 0.05 },
  bits: { label: 'Max. differing bits', min: 0, max: 20, step: 1 },
  minChars: { label: 'Min. repeat length (chars)', min: 10, max: 500, step: 5 },
  seed: { label: 'Hash seed', min: 0, max: 99, step: 1 },
};
const BY_METHOD: Record<DataDedupState['method'], NumKey[]> = {
  minhash: ['n', 'bands', 'rows', 'threshold', 'seed'],
  simhash: ['n', 'bits', 'seed'],
  exact: ['minChars'],
};

type Props = { state: DataDedupState; setState: (p: Partial<DataDedupState>) => void; hidden: ReadonlySet<string>; locked: ReadonlySet<string> };

export function Controls({ state, setState, hidden, locked }: Props) {
  const base = useId();
  return (
    <div className="dw-controls">
      {!hidden.has('method') && (
        <div className="control">
          <label htmlFor={`${base}-method`}>Method</label>
          <select id={`${base}-method`} value={state.method} disabled={locked.has('method')} onChange={(e) => setState({ method: e.target.value as DataDedupState['method'] })}>
            <option value="minhash">MinHash + LSH</option>
            <option value="simhash">SimHash</option>
            <option value="exact">Suffix array (exact)</option>
          </select>
        </div>
      )}
      {!hidden.has('source') && (
        <div className="control">
          <label htmlFor={`${base}-source`}>Text</label>
          <select id={`${base}-source`} value={state.source} disabled={locked.has('source')} onChange={(e) => setState({ source: e.target.value as DataDedupState['source'] })}>
            <option value="all">whole excerpt</option>
            <option value="austen">Austen only</option>
            <option value="moby">Moby-Dick only</option>
            <option value="kjv">KJV only</option>
          </select>
        </div>
      )}
      {BY_METHOD[state.method]
        .filter((k) => !hidden.has(k))
        .map((k) => {
          const s = SLIDERS[k];
          const max = k === 'seed' ? Math.max(s.max, state.seed) : s.max;
          return (
            <div className="control" key={k}>
              <label htmlFor={`${base}-${k}`}>
                {s.label}
                <output htmlFor={`${base}-${k}`}>{state[k]}</output>
              </label>
              <input id={`${base}-${k}`} type="range" min={s.min} max={max} step={s.step} value={state[k]} disabled={locked.has(k)} onChange={(e) => setState({ [k]: Number(e.target.value) } as Partial<DataDedupState>)} />
            </div>
          );
        })}
      {state.method !== 'exact' && !hidden.has('hideIdentical') && (
        <div className="control">
          <span className="control-label" aria-hidden="true">Groups</span>
          <label className="dw-check">
            <input type="checkbox" checked={state.hideIdentical} disabled={locked.has('hideIdentical')} onChange={(e) => setState({ hideIdentical: e.target.checked })} /> only groups with different texts
          </label>
        </div>
      )}
    </div>
  );
}

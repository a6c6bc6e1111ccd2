'use client';
/** Controls of the unigram-samples widget, and a segmentation drawn as token chips. */
import { useId } from 'react';
import type { WidgetProps } from '../types';
import type { UnigramSamplesState } from './index';

export function Pieces({ pieces }: { pieces: readonly string[] }) {
  return (
    <span className="tok-strip">
      <span className="sr-only">{pieces.join(' | ')}</span>
      {pieces.map((p, i) => (
        <span key={i} className={`tok tok-c${i % 5}`} aria-hidden="true">{p}</span>
      ))}
    </span>
  );
}

export function UnigramControls({ state, setState, hidden, locked }: WidgetProps<UnigramSamplesState>) {
  const ids = { text: useId(), alpha: useId(), seed: useId(), nbest: useId(), samples: useId() };
  const num = (k: 'nbest' | 'samples', min: number, max: number) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const v = Math.round(Number(e.target.value));
    if (Number.isFinite(v)) setState({ [k]: Math.max(min, Math.min(max, v)) });
  };
  return (
    <div className="controls">
      {!hidden.has('text') && (
        <div className="control">
          <label htmlFor={ids.text}>Word or short phrase</label>
          <input id={ids.text} type="text" maxLength={40} value={state.text} readOnly={locked.has('text')} onChange={(e) => setState({ text: e.target.value })} spellCheck={false} autoComplete="off" />
        </div>
      )}
      {!hidden.has('alpha') && (
        <div className="control">
          <label htmlFor={ids.alpha}>α (sharpness): {state.alpha}</label>
          <input id={ids.alpha} type="range" min={0} max={3} step={0.05} value={state.alpha} disabled={locked.has('alpha')} onChange={(e) => setState({ alpha: Number(e.target.value) })} />
        </div>
      )}
      {!hidden.has('seed') && (
        <div className="control">
          <label htmlFor={ids.seed}>Seed</label>
          <span className="chips-row">
            <input id={ids.seed} type="number" min={0} max={4294967295} value={state.seed} readOnly={locked.has('seed')} onChange={(e) => {
              const v = Math.round(Number(e.target.value));
              if (Number.isFinite(v) && v >= 0 && v <= 0xffffffff) setState({ seed: v });
            }} />
            <button type="button" className="btn btn-small" disabled={locked.has('seed')} onClick={() => setState({ seed: (state.seed + 1) >>> 0 })}>
              Resample
            </button>
          </span>
        </div>
      )}
      {!hidden.has('nbest') && (
        <div className="control">
          <label htmlFor={ids.nbest}>Best list size</label>
          <input id={ids.nbest} type="number" min={1} max={20} value={state.nbest} readOnly={locked.has('nbest')} onChange={num('nbest', 1, 20)} />
        </div>
      )}
      {!hidden.has('samples') && (
        <div className="control">
          <label htmlFor={ids.samples}>Samples</label>
          <input id={ids.samples} type="number" min={1} max={30} value={state.samples} readOnly={locked.has('samples')} onChange={num('samples', 1, 30)} />
        </div>
      )}
    </div>
  );
}

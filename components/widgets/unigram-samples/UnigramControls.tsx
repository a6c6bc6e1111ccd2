'use client';
/** Controls of the unigram-samples widget, and a segmentation drawn as token chips. */
import { useId } from 'react';
import type { WidgetProps } from '../types';
import { MAX_TEXT, type UnigramSamplesState } from './index';
import { useCutText } from '../useCutText';
import { NumberField } from '../bpe-trainer/NumberField';

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
  const cut = useCutText(MAX_TEXT, (text) => setState({ text }));
  return (
    <div className="controls">
      {!hidden.has('text') && (
        <div className="control">
          <label htmlFor={ids.text}>Word or short phrase</label>
          <input id={ids.text} type="text" value={state.text} readOnly={locked.has('text')} maxLength={cut.maxLength} onPaste={cut.onPaste} onChange={(e) => cut.onChange(e.target.value)} spellCheck={false} autoComplete="off" />
          {cut.note && <p className="url-notes" role="status">{cut.note}</p>}
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
            <NumberField id={ids.seed} value={state.seed} min={0} max={0xffffffff} readOnly={locked.has('seed')} onValue={(v) => setState({ seed: v })} />
            <button type="button" className="btn btn-small" disabled={locked.has('seed')} onClick={() => setState({ seed: (state.seed + 1) >>> 0 })}>
              Resample
            </button>
          </span>
        </div>
      )}
      {!hidden.has('nbest') && (
        <div className="control">
          <label htmlFor={ids.nbest}>Best list size</label>
          <NumberField id={ids.nbest} value={state.nbest} min={1} max={20} readOnly={locked.has('nbest')} onValue={(v) => setState({ nbest: v })} />
        </div>
      )}
      {!hidden.has('samples') && (
        <div className="control">
          <label htmlFor={ids.samples}>Samples</label>
          <NumberField id={ids.samples} value={state.samples} min={1} max={30} readOnly={locked.has('samples')} onValue={(v) => setState({ samples: v })} />
        </div>
      )}
    </div>
  );
}

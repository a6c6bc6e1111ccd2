'use client';
/** The sampling controls: prompt, temperature, top-k, top-p, max tokens, seed, backend. */
import { useId } from 'react';
import { MAX_PROMPT, type GenerateState } from './index';
import { useCutText } from '../useCutText';

interface Props {
  state: GenerateState;
  setState: (p: Partial<GenerateState>) => void;
  hidden: ReadonlySet<string>;
  locked: ReadonlySet<string>;
  busy: boolean;
  onGenerate: () => void;
}

const clampInt = (raw: string, min: number, max: number): number | null => {
  const n = Number(raw);
  return raw.trim() !== '' && Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : null;
};

export function Controls({ state, setState, hidden, locked, busy, onGenerate }: Props) {
  const id = useId();
  const cut = useCutText(MAX_PROMPT, (prompt) => setState({ prompt }));
  const show = (k: string) => !hidden.has(k);
  const off = (k: string) => locked.has(k) || busy;
  // Temperature 0 is greedy decoding (lib/sample): the argmax, so top-k and top-p cannot change the pick.
  const greedy = state.temperature === 0 && (show('topK') || show('topP'));
  const greedyHint = greedy ? `${id}-greedy` : undefined;
  return (
    <div className="gen-controls">
      {show('prompt') && (
        <div className="control control-wide">
          <label htmlFor={`${id}-prompt`}>Prompt</label>
          <textarea
            id={`${id}-prompt`}
            rows={2}
            value={state.prompt}
            readOnly={locked.has('prompt')}
            aria-readonly={locked.has('prompt')}
            maxLength={cut.maxLength} onPaste={cut.onPaste} onChange={(e) => cut.onChange(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                onGenerate();
              }
            }}
            spellCheck={false}
          />
          {cut.note && <p className="url-notes" role="status">{cut.note}</p>}
        </div>
      )}
      <div className="controls gen-sliders">
        {show('temperature') && (
          <div className="control">
            <label htmlFor={`${id}-t`}>Temperature <output htmlFor={`${id}-t`}>{state.temperature.toFixed(2)}</output></label>
            <input id={`${id}-t`} type="range" min={0} max={2} step={0.05} value={state.temperature} disabled={off('temperature')}
              onChange={(e) => setState({ temperature: Number(e.target.value) })} />
          </div>
        )}
        {show('topP') && (
          <div className="control">
            <label htmlFor={`${id}-p`}>Top-p <output htmlFor={`${id}-p`}>{state.topP >= 1 ? 'off' : state.topP.toFixed(2)}</output></label>
            <input id={`${id}-p`} type="range" min={0.05} max={1} step={0.05} value={state.topP} disabled={off('topP') || greedy}
              aria-describedby={greedyHint}
              onChange={(e) => setState({ topP: Number(e.target.value) })} />
          </div>
        )}
        {show('maxTokens') && (
          <div className="control">
            <label htmlFor={`${id}-n`}>Max tokens <output htmlFor={`${id}-n`}>{state.maxTokens}</output></label>
            <input id={`${id}-n`} type="range" min={1} max={200} step={1} value={state.maxTokens} disabled={off('maxTokens')}
              onChange={(e) => setState({ maxTokens: Number(e.target.value) })} />
          </div>
        )}
        {show('topK') && (
          <div className="control gen-num">
            <label htmlFor={`${id}-k`}>Top-k (0 = off)</label>
            <input id={`${id}-k`} type="number" min={0} max={4096} step={1} value={state.topK} disabled={off('topK') || greedy}
              aria-describedby={greedyHint}
              onChange={(e) => { const v = clampInt(e.target.value, 0, 4096); if (v !== null) setState({ topK: v }); }} />
          </div>
        )}
        {show('seed') && (
          <div className="control gen-num">
            <label htmlFor={`${id}-s`}>Seed</label>
            <input id={`${id}-s`} type="number" min={0} max={4294967295} step={1} value={state.seed} disabled={off('seed')}
              onChange={(e) => { const v = clampInt(e.target.value, 0, 0xffffffff); if (v !== null) setState({ seed: v }); }} />
          </div>
        )}
        {show('backend') && (
          <div className="control">
            <label htmlFor={`${id}-b`}>Engine</label>
            <select id={`${id}-b`} value={state.backend} disabled={off('backend')}
              onChange={(e) => setState({ backend: e.target.value as GenerateState['backend'] })}>
              <option value="auto">Auto (measured)</option>
              <option value="webgpu">WebGPU</option>
              <option value="wasm">WASM (CPU)</option>
            </select>
          </div>
        )}
      </div>
      {greedy && (
        <p id={greedyHint} className="gen-hint">
          Temperature 0 is greedy decoding: the most likely token is always picked, so top-k and top-p have no effect.
          Raise the temperature to use them.
        </p>
      )}
    </div>
  );
}

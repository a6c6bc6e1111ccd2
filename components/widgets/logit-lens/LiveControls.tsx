'use client';
/**
 * The live part both block widgets share: the prompt box, the position picker (one option per
 * token), the engine choice, Load, the backend badge, download progress and the status line.
 */
import { useId } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { showToken } from '@/components/viz/show-token';
import type { BackendPreference } from '@/lib/runtime/protocol';
import { useCutText } from '../useCutText';
import { MAX_TOKENS, statusText, type LensView } from './useLens';

interface Props {
  text: string;
  pos: number;
  backend: BackendPreference;
  tokens: readonly string[];
  /** The prompt has more tokens than the widgets run. */
  cut: boolean;
  maxText: number;
  view: LensView;
  hidden: ReadonlySet<string>;
  locked: ReadonlySet<string>;
  set: (patch: { text?: string; pos?: number; backend?: BackendPreference }) => void;
  onLoad: () => void;
  children?: React.ReactNode;
}

export function LiveControls({ text, pos, backend, tokens, cut, maxText, view, hidden, locked, set, onLoad, children }: Props) {
  const id = useId();
  const box = useCutText(maxText, (t) => set({ text: t }));
  const show = (k: string) => !hidden.has(k);
  return (
    <>
      {show('text') && (
        <div className="control control-wide">
          <label htmlFor={`${id}-text`}>Prompt</label>
          <textarea id={`${id}-text`} rows={2} value={text} readOnly={locked.has('text')} spellCheck={false}
            maxLength={box.maxLength} onPaste={box.onPaste} onChange={(e) => box.onChange(e.target.value)} />
          {box.note && <p className="url-notes" role="status">{box.note}</p>}
        </div>
      )}
      <div className="controls">
        {show('pos') && (
          <div className="control">
            <label htmlFor={`${id}-pos`}>Position</label>
            <select id={`${id}-pos`} value={pos} disabled={locked.has('pos') || tokens.length === 0} onChange={(e) => set({ pos: Number(e.target.value) })}>
              {tokens.length === 0 && <option value={pos}>{pos}</option>}
              {tokens.map((t, i) => <option key={i} value={i}>{i}: {showToken(t)}</option>)}
            </select>
          </div>
        )}
        {children}
        {show('backend') && (
          <div className="control">
            <label htmlFor={`${id}-b`}>Engine</label>
            <select id={`${id}-b`} value={backend} disabled={locked.has('backend')} onChange={(e) => set({ backend: e.target.value as BackendPreference })}>
              <option value="auto">auto (faster)</option><option value="webgpu">WebGPU</option><option value="wasm">WASM</option>
            </select>
          </div>
        )}
      </div>
      <div className="ll-actions">
        {(view.phase === 'idle' || view.phase === 'error') && <button type="button" className="btn btn-primary" onClick={onLoad}>Load the model</button>}
        {view.ran && <BackendBadge backend={view.ran} reason={view.choice?.backend === view.ran ? view.choice.reason : `forced: ${view.ran}`} />}
      </div>
      {view.error && <p className="ll-error" role="alert">{view.error}</p>}
      {cut && <p className="url-notes">Only the first {MAX_TOKENS} tokens are run.</p>}
      {view.phase === 'loading' && view.progress?.phase === 'download' && <ProgressBar loaded={view.progress.loaded} total={view.progress.total ?? 0} label="Model weights (lm)" />}
      <p role="status" aria-live="polite" className="ll-status">{statusText(view)}</p>
    </>
  );
}

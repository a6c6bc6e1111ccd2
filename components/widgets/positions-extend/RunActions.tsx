/**
 * The Run / Cancel row of the measuring widgets (positions-extend, kv-window, kv-growth): Run (or
 * Run again), Cancel while busy (not while the weights download), the backend badge, the error and
 * the weights' download bar.
 */
import { BackendBadge } from '@/components/ui/BackendBadge';
import { ProgressBar } from '@/components/ui/ProgressBar';
import type { BackendChoice, Progress } from '@/lib/runtime/protocol';

export interface RunView {
  phase: string;
  download: Progress | null;
  choice: BackendChoice | null;
  error: string | null;
}

export function RunActions({ view, busy, start, cancel, weights }: { view: RunView; busy: boolean; start(): void; cancel(): void; weights: string }) {
  return (
    <>
      <div className="px-actions">
        {busy ? (
          <button type="button" className="btn" onClick={cancel} disabled={view.phase === 'loading'}>Cancel</button>
        ) : (
          <button type="button" className="btn btn-primary" onClick={() => void start()}>{view.phase === 'idle' ? 'Run' : 'Run again'}</button>
        )}
        {view.choice && <BackendBadge backend={view.choice.backend} reason={view.choice.reason} />}
      </div>
      {view.error && <p className="px-error" role="alert">{view.error}</p>}
      {view.phase === 'loading' && view.download?.phase === 'download' && (
        <ProgressBar loaded={view.download.loaded} total={view.download.total ?? 0} label={weights} />
      )}
    </>
  );
}

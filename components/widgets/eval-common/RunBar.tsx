'use client';
/** Run / Cancel, the backend badge, download progress, status line and progress bar of a live evaluation. */
import { BackendBadge } from '@/components/ui/BackendBadge';
import { ProgressBar } from '@/components/ui/ProgressBar';
import type { JobView } from './useEvalJob';

const NAME = { webgpu: 'WebGPU', wasm: 'WASM' } as const;

export function RunBar({ view, start, cancel, idleText, unit }: { view: JobView; start: () => void; cancel: () => void; idleText: string; unit: string }) {
  const busy = view.phase === 'loading' || view.phase === 'running';
  const ran = Object.entries(view.ran);
  const status = {
    idle: idleText,
    loading: view.download?.phase === 'verify' ? 'Checking the model files (sha256)…' : 'Loading the models…',
    running: `Running — ${view.done} of ${view.total || '…'} ${unit}`,
    ready: 'Done: every number below was measured just now in this browser.',
    cancelled: 'Cancelled. Press Run to measure again.',
    error: 'Something went wrong (see above).',
  }[view.phase];
  return (
    <>
      <div className="ev-actions">
        {busy ? (
          <button type="button" className="btn" onClick={cancel} disabled={view.phase === 'loading'}>Cancel</button>
        ) : (
          <button type="button" className="btn btn-primary" onClick={start}>{view.phase === 'idle' ? 'Run' : 'Run again'}</button>
        )}
        {view.choice && <BackendBadge backend={view.choice.backend} reason={view.choice.reason} />}
      </div>
      {view.error && <p className="ev-error" role="alert">{view.error}</p>}
      {view.phase === 'loading' && view.download?.phase === 'download' && (
        <ProgressBar loaded={view.download.loaded} total={view.download.total ?? 0} label={`Model weights (${view.download.file ?? ''})`} />
      )}
      <p role="status" aria-live="polite" className="ev-status">{status}</p>
      {view.phase === 'running' && view.total > 0 && (
        <progress className="ev-progress" max={view.total} value={view.done} aria-label={`${unit} done`} />
      )}
      {ran.length > 0 && (
        <p className="ev-small" data-ran={ran.map(([m, b]) => `${m}:${b}`).join(',')}>
          Ran on {ran.map(([m, b]) => `${NAME[b as 'webgpu' | 'wasm'] ?? b} (${m})`).join(', ')}.
        </p>
      )}
    </>
  );
}

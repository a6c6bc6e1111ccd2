'use client';
/** Progress bar + Cancel while a data job runs; a Run again button after a cancel; the error otherwise. */
import type { DataJob } from './useDataJob';

export function JobStatus({ job, label, doneText }: { job: DataJob<unknown>; label: string; doneText?: string }) {
  const pct = Math.round(job.progress * 100);
  return (
    <div className="dw-status" role="status" data-phase={job.phase}>
      {job.phase === 'running' && (
        <>
          <span>{label}…</span>
          <progress max={100} value={pct} aria-label={label} />
          <span className="dw-num">{pct}%</span>
          <button type="button" className="btn" onClick={job.cancel}>
            Cancel
          </button>
        </>
      )}
      {job.phase === 'cancelled' && (
        <>
          <span>Cancelled.</span>
          <button type="button" className="btn" onClick={job.rerun}>
            Run again
          </button>
        </>
      )}
      {job.phase === 'error' && <span className="dw-error">{job.error}</span>}
      {job.phase === 'done' && doneText && <span className="muted">{doneText}</span>}
    </div>
  );
}

/**
 * The decoding widgets' action row and status: Load / Cancel / the backend badge, the errors, the
 * download bar and the job's progress bar (labelled in the job's own units), then a polite status
 * line: the model phases first, then an empty prompt, then `running` / `cancelled` / `done` text.
 */
import type { ReactNode } from 'react';
import { BackendBadge } from '@/components/ui/BackendBadge';
import { ProgressBar } from '@/components/ui/ProgressBar';
import type { JobView } from './useJob';
import type { LmView } from './useLm';

export interface DecodeActionsProps {
  lm: LmView;
  job: JobView<unknown>;
  load(): void;
  cancel(): void;
  /** The job progress bar's label, e.g. "Model runs". */
  unit: string;
  prompt: string;
  /** Status text per situation. */
  emptyPrompt: string;
  running: string;
  done: string;
}

export function DecodeActions({ lm, job, load, cancel, unit, prompt, emptyPrompt, running, done }: DecodeActionsProps): ReactNode {
  return (
    <>
      <div className="dec-actions">
        {(lm.phase === 'idle' || lm.phase === 'error') && <button type="button" className="btn btn-primary" onClick={() => void load()}>Load the model</button>}
        {job.status === 'running' && <button type="button" className="btn" onClick={cancel}>Cancel</button>}
        {lm.choice && <BackendBadge backend={lm.choice.backend} reason={lm.choice.reason} />}
      </div>
      {lm.error && <p className="dec-error" role="alert">{lm.error}</p>}
      {job.error && <p className="dec-error" role="alert">{job.error}</p>}
      {lm.phase === 'loading' && lm.progress?.phase === 'download' && <ProgressBar loaded={lm.progress.loaded} total={lm.progress.total ?? 0} label="Model weights (lm)" />}
      {job.status === 'running' && <ProgressBar loaded={job.done} total={job.total} label={unit} />}
      <p role="status" aria-live="polite" className="dec-status">
        {lm.phase === 'idle' ? 'The model (a few MB) downloads when you press Load.'
          : lm.phase === 'loading' ? 'Loading the model…'
            : prompt.trim() === '' ? emptyPrompt
              : job.status === 'running' ? running
                : job.status === 'cancelled' ? 'Cancelled. Change a setting to run again.'
                  : done}
      </p>
    </>
  );
}

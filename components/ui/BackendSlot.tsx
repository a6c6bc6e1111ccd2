'use client';
/** Header slot: shows the BackendBadge once the runtime has reported (see backend-status.ts); BackendNote: a fallback note. */
import { useStore } from 'zustand';
import { backendStatus } from './backend-status';
import { BackendBadge } from './BackendBadge';

export function BackendSlot() {
  const status = useStore(backendStatus, (s) => s.status);
  return (
    <div className="backend-slot" aria-live="polite">
      {status && <BackendBadge backend={status.backend} reason={status.reason} />}
    </div>
  );
}

/** A visible line when the runtime had to change engines mid-run (site header and embeds). */
export function BackendNote() {
  const note = useStore(backendStatus, (s) => s.status?.note);
  return note ? <p className="backend-note" role="status">{note}</p> : null;
}

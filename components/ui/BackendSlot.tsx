'use client';
/** Header slot: shows the BackendBadge once the runtime has reported (see backend-status.ts). */
import { useStore } from 'zustand';
import { backendStatus } from './backend-status';
import { BackendBadge } from './BackendBadge';

export function BackendSlot() {
  const status = useStore(backendStatus, (s) => s.status);
  return <div className="backend-slot" aria-live="polite">{status && <BackendBadge {...status} />}</div>;
}

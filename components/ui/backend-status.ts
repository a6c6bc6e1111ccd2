/**
 * The site header's backend badge slot. The model runtime calls setBackendStatus(...) once it
 * has chosen WebGPU or WASM; the header shows the badge from then on (nothing before).
 */
import { createStore } from 'zustand/vanilla';
import type { Backend } from './BackendBadge';

export interface BackendStatus {
  backend: Backend;
  reason?: string;
  /** Shown as text next to the badge (e.g. WebGPU failed mid-run and WASM took over). */
  note?: string;
}

export const backendStatus = createStore<{ status: BackendStatus | null }>(() => ({ status: null }));

export function setBackendStatus(status: BackendStatus | null): void {
  backendStatus.setState({ status });
}

'use client';
/**
 * Which engine runs the live model: WebGPU, WASM (CPU) or none. `reason` explains a fallback
 * (e.g. "WebGPU adapter not available") and is shown as the tooltip and to screen readers.
 * 'ts-cpu': the lab's own TypeScript kernels on the CPU (LoRA training in a worker), no ONNX Runtime.
 * WASM also shows its thread count (several only when the page is cross-origin isolated; see
 * lib/runtime/threads.ts), read after hydration (the server has no such globals).
 */
import { useSyncExternalStore } from 'react';
import { currentWasmThreads } from '@/lib/runtime/threads';

export type Backend = 'webgpu' | 'wasm' | 'none' | 'ts-cpu';

const TEXT: Record<Backend, string> = { webgpu: 'WebGPU', wasm: 'WASM (CPU)', none: 'No model', 'ts-cpu': 'TypeScript (CPU)' };

const noSubscribe = () => () => {};

export function BackendBadge({ backend, reason }: { backend: Backend; reason?: string }) {
  const threads = useSyncExternalStore(noSubscribe, currentWasmThreads, () => null);
  return (
    <span className={`badge badge-${backend}`} title={reason} data-backend={backend} data-threads={backend === 'wasm' ? (threads ?? undefined) : undefined}>
      <span aria-hidden="true" className="badge-dot" />
      {TEXT[backend]}
      {backend === 'wasm' && threads !== null && <span className="badge-threads">· {threads === 1 ? '1 thread' : `${threads} threads`}</span>}
      {reason && <span className="sr-only"> — {reason}</span>}
    </span>
  );
}

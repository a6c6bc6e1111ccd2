/**
 * Which engine runs the live model: WebGPU, WASM (CPU) or none. `reason` explains a fallback
 * (e.g. "WebGPU adapter not available") and is shown as the tooltip and to screen readers.
 * 'ts-cpu': the lab's own TypeScript kernels on the CPU (LoRA training in a worker), no ONNX Runtime.
 */
export type Backend = 'webgpu' | 'wasm' | 'none' | 'ts-cpu';

const TEXT: Record<Backend, string> = { webgpu: 'WebGPU', wasm: 'WASM (CPU)', none: 'No model', 'ts-cpu': 'TypeScript (CPU)' };

export function BackendBadge({ backend, reason }: { backend: Backend; reason?: string }) {
  return (
    <span className={`badge badge-${backend}`} title={reason} data-backend={backend}>
      <span aria-hidden="true" className="badge-dot" />
      {TEXT[backend]}
      {reason && <span className="sr-only"> — {reason}</span>}
    </span>
  );
}

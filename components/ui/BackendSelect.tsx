/**
 * The engine picker of a live-model widget: auto (the runtime measures and picks), WebGPU or WASM.
 * One control for every widget, so the wording and the options stay the same across the lab.
 */
import type { BackendPreference } from '@/lib/runtime/protocol';

export interface BackendSelectProps {
  id: string;
  value: BackendPreference;
  disabled?: boolean;
  onChange(value: BackendPreference): void;
  /** The label: 'Backend' (default) or 'Engine'. */
  label?: string;
  /** The WASM option's text: 'WASM' (default) or 'WASM (CPU)'. */
  wasmText?: string;
}

export function BackendSelect({ id, value, disabled, onChange, label = 'Backend', wasmText = 'WASM' }: BackendSelectProps) {
  return (
    <div className="control">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as BackendPreference)}>
        <option value="auto">Auto (measured)</option>
        <option value="webgpu">WebGPU</option>
        <option value="wasm">{wasmText}</option>
      </select>
    </div>
  );
}

/**
 * Backend choice: WebGPU when the device has it AND it is faster for the workload, else WASM.
 * Every decision carries a one-sentence reason for the UI badge, e.g.
 *   "WebGPU unavailable: navigator.gpu missing"
 *   "WASM chosen: faster for one-token decode (measured 0.4 ms vs 3.1 ms)"
 *   "WebGPU chosen: faster for 128-token prefill (measured 2.1 ms vs 41 ms)"
 *
 * Why measure: on a real GPU a prefill of hundreds of tokens is 5–60× faster on WebGPU, while a
 * one-token decode step is dominated by WebGPU's fixed per-call overhead (~4 ms) and WASM wins
 * (shared/gpu-webgpu/README.md has H100 numbers). Which side of the line a given model and
 * machine fall on is not knowable in advance, so ./calibrate.ts times both.
 */

import type { Backend, BackendChoice, BackendPreference, BackendTimings, Workload } from './protocol';

export interface WebGpuProbe {
  available: boolean;
  /** Why not, when not available; the adapter's description when it is. */
  reason: string;
  /** True for a software adapter (e.g. SwiftShader in headless Chromium): correct but CPU-speed. */
  fallbackAdapter?: boolean;
}

/** The bits of `navigator` the probe reads (injectable for tests). */
export interface GpuNavigator {
  gpu?: {
    requestAdapter(opts?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<GpuAdapterLike | null>;
  };
}
export interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string };
  isFallbackAdapter?: boolean;
}

/** Does this context have a usable WebGPU adapter? Never throws. */
export async function probeWebGpu(nav: GpuNavigator | undefined): Promise<WebGpuProbe> {
  if (!nav?.gpu) return { available: false, reason: 'WebGPU unavailable: navigator.gpu missing' };
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await nav.gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { available: false, reason: `WebGPU unavailable: requestAdapter failed (${e instanceof Error ? e.message : String(e)})` };
  }
  if (!adapter) return { available: false, reason: 'WebGPU unavailable: no adapter' };
  const info = adapter.info ?? {};
  const name = [info.vendor, info.architecture, info.description].filter((s) => s).join(' ') || 'unknown adapter';
  const fallback = adapter.isFallbackAdapter === true || /swiftshader/i.test(name);
  return { available: true, reason: `WebGPU adapter: ${name}${fallback ? ' (software fallback)' : ''}`, fallbackAdapter: fallback };
}

export function workloadLabel(workload: Workload, tokens?: number): string {
  if (workload === 'decode') return 'one-token decode';
  return tokens ? `${tokens}-token prefill` : 'prefill';
}

/** "0.42 ms", "3.1 ms", "41 ms": two significant digits, enough for a badge. */
export function formatMs(ms: number): string {
  return `${ms < 10 ? Number(ms.toPrecision(2)) : Math.round(ms)} ms`;
}

const NAME: Record<Backend, string> = { wasm: 'WASM', webgpu: 'WebGPU' };

/**
 * The faster backend for one workload, from measured ms per run. A WebGPU failure (an Error in
 * its slot) means WASM with the failure as the reason.
 */
export function decideByTiming(workload: Workload, wasmMs: number, webgpu: number | Error, tokens?: number): BackendChoice {
  const label = workloadLabel(workload, tokens);
  if (webgpu instanceof Error) {
    return { backend: 'wasm', workload, reason: `WASM chosen: WebGPU failed (${webgpu.message})`, timings: { wasm: wasmMs } };
  }
  const timings: BackendTimings = { wasm: wasmMs, webgpu };
  const backend: Backend = webgpu < wasmMs ? 'webgpu' : 'wasm';
  const [mine, other] = backend === 'webgpu' ? [webgpu, wasmMs] : [wasmMs, webgpu];
  return { backend, workload, timings, reason: `${NAME[backend]} chosen: faster for ${label} (measured ${formatMs(mine)} vs ${formatMs(other)})` };
}

/** The user's override, if any, checked against what the device can do. */
export function applyPreference(pref: BackendPreference, probe: WebGpuProbe, workload: Workload): BackendChoice | null {
  if (pref === 'auto') return null;
  if (pref === 'webgpu' && !probe.available) {
    return { backend: 'wasm', workload, reason: `WASM used: you asked for WebGPU, but ${probe.reason.replace(/^WebGPU unavailable: /, 'WebGPU is unavailable: ')}` };
  }
  return { backend: pref, workload, reason: `${NAME[pref]} chosen by you (override)` };
}

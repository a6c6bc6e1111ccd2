import { describe, expect, it } from 'vitest';
import { MAX_WASM_THREADS, currentWasmThreads, wasmThreads } from '@/lib/runtime/threads';

describe('WASM thread count', () => {
  it('is min(4, cores) in a cross-origin-isolated page', () => {
    expect(wasmThreads({ crossOriginIsolated: true, hardwareConcurrency: 2 })).toBe(2);
    expect(wasmThreads({ crossOriginIsolated: true, hardwareConcurrency: 16 })).toBe(MAX_WASM_THREADS);
    expect(MAX_WASM_THREADS).toBe(4);
  });
  it('is 1 without isolation (no SharedArrayBuffer), whatever the cores', () => {
    expect(wasmThreads({ crossOriginIsolated: false, hardwareConcurrency: 16 })).toBe(1);
    expect(wasmThreads({ hardwareConcurrency: 16 })).toBe(1);
  });
  it('is 1 when the core count is missing or nonsense', () => {
    expect(wasmThreads({ crossOriginIsolated: true })).toBe(1);
    expect(wasmThreads({ crossOriginIsolated: true, hardwareConcurrency: 0 })).toBe(1);
    expect(wasmThreads({ crossOriginIsolated: true, hardwareConcurrency: NaN })).toBe(1);
  });
  it('is 1 in Node (tests and benches), which is not cross-origin isolated', () => {
    expect(currentWasmThreads()).toBe(1);
  });
});

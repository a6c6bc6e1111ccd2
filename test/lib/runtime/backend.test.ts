import { describe, expect, it } from 'vitest';
import { applyPreference, decideByTiming, formatMs, probeWebGpu, type GpuAdapterLike } from '@/lib/runtime/backend';

const navWith = (adapter: GpuAdapterLike | null | Error) => ({
  gpu: {
    requestAdapter: async () => {
      if (adapter instanceof Error) throw adapter;
      return adapter;
    },
  },
});

describe('probeWebGpu', () => {
  it('says "navigator.gpu missing" when the API is absent', async () => {
    expect(await probeWebGpu({})).toEqual({ available: false, reason: 'WebGPU unavailable: navigator.gpu missing' });
    expect((await probeWebGpu(undefined)).reason).toBe('WebGPU unavailable: navigator.gpu missing');
  });

  it('says "no adapter" when requestAdapter resolves to null', async () => {
    expect(await probeWebGpu(navWith(null))).toEqual({ available: false, reason: 'WebGPU unavailable: no adapter' });
  });

  it('reports a throwing requestAdapter as unavailable, with the error', async () => {
    const p = await probeWebGpu(navWith(new Error('GPU process crashed')));
    expect(p.available).toBe(false);
    expect(p.reason).toBe('WebGPU unavailable: requestAdapter failed (GPU process crashed)');
  });

  it('flags a SwiftShader adapter as a software fallback', async () => {
    const p = await probeWebGpu(navWith({ info: { vendor: 'google', architecture: 'swiftshader' } }));
    expect(p).toEqual({ available: true, fallbackAdapter: true, reason: 'WebGPU adapter: google swiftshader (software fallback)' });
  });

  it('describes a hardware adapter without the fallback flag', async () => {
    const p = await probeWebGpu(navWith({ info: { vendor: 'nvidia', architecture: 'hopper' }, isFallbackAdapter: false }));
    expect(p).toEqual({ available: true, fallbackAdapter: false, reason: 'WebGPU adapter: nvidia hopper' });
  });
});

describe('decideByTiming', () => {
  it('picks WASM for a decode step that is faster there, saying by how much', () => {
    expect(decideByTiming('decode', 0.4, 3.1)).toEqual({
      backend: 'wasm', workload: 'decode', timings: { wasm: 0.4, webgpu: 3.1 },
      reason: 'WASM chosen: faster for one-token decode (measured 0.4 ms vs 3.1 ms)',
    });
  });

  it('picks WebGPU for a prefill that is faster there', () => {
    const c = decideByTiming('prefill', 174.7, 9.3, 512);
    expect(c.backend).toBe('webgpu');
    expect(c.reason).toBe('WebGPU chosen: faster for 512-token prefill (measured 9.3 ms vs 175 ms)');
  });

  it('falls back to WASM with the error when WebGPU failed', () => {
    const c = decideByTiming('prefill', 5, new Error('no available backend found'));
    expect(c).toMatchObject({ backend: 'wasm', reason: 'WASM chosen: WebGPU failed (no available backend found)' });
  });

  it('keeps WASM on a tie (no GPU round trip for nothing)', () => {
    expect(decideByTiming('decode', 2, 2).backend).toBe('wasm');
  });
});

describe('applyPreference', () => {
  const gpu = { available: true, reason: 'WebGPU adapter: x' };
  const noGpu = { available: false, reason: 'WebGPU unavailable: no adapter' };

  it('returns null for auto, so measurement decides', () => {
    expect(applyPreference('auto', gpu, 'decode')).toBeNull();
  });

  it('honours an override the device supports', () => {
    expect(applyPreference('webgpu', gpu, 'decode')).toEqual({ backend: 'webgpu', workload: 'decode', reason: 'WebGPU chosen by you (override)' });
    expect(applyPreference('wasm', gpu, 'prefill')?.backend).toBe('wasm');
  });

  it('explains why a WebGPU override cannot be honoured', () => {
    expect(applyPreference('webgpu', noGpu, 'prefill')).toEqual({
      backend: 'wasm', workload: 'prefill', reason: 'WASM used: you asked for WebGPU, but WebGPU is unavailable: no adapter',
    });
  });
});

describe('formatMs', () => {
  it('uses two significant digits below 10 ms and whole ms above', () => {
    expect([formatMs(0.4123), formatMs(3.14159), formatMs(41.6), formatMs(1234.4)]).toEqual(['0.41 ms', '3.1 ms', '42 ms', '1234 ms']);
  });
});

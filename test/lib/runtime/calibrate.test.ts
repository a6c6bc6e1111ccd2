import { describe, expect, it } from 'vitest';
import { calibrate, calibrateWorkload, median, timeRuns } from '@/lib/runtime/calibrate';
import type { CalibrationPlan } from '@/lib/runtime/model';
import type { Backend } from '@/lib/runtime/protocol';

/** A fake clock that advances by the cost of each run. */
function fakeTimer(cost: (backend: Backend, variant: string) => number) {
  let t = 0;
  const calls: string[] = [];
  return {
    now: () => t,
    calls,
    run: async (backend: Backend, variant: string) => {
      calls.push(`${backend}:${variant}`);
      const c = cost(backend, variant);
      if (Number.isNaN(c)) throw new Error(`${backend} cannot run ${variant}`);
      t += c;
    },
  };
}

const plan: CalibrationPlan = {
  prefill: { variant: 'prefill', feeds: {}, tokens: 128 },
  decode: { variant: 'decode', feeds: {} },
};

describe('calibrate', () => {
  it('waits for the gate before every run (warm-up included), and the wait is not timed', async () => {
    let clock = 0;
    const calls: string[] = [];
    const run = async (b: Backend) => {
      calls.push(b);
      clock += b === 'webgpu' ? 2 : 5;
    };
    const gate = async () => {
      calls.push('gate');
      clock += 100; // the runtime was busy for a while
    };
    const d = await calibrateWorkload('decode', plan, run, () => clock, 3, gate);
    expect(d.timings).toEqual({ wasm: 5, webgpu: 2 });
    expect(calls.filter((c) => c === 'gate')).toHaveLength(8); // (1 warm-up + 3 timed) × 2 backends
    expect(calls.slice(0, 4)).toEqual(['gate', 'wasm', 'gate', 'wasm']);
  });

  it('chooses WebGPU for prefill and WASM for decode when that is what the clock says', async () => {
    const ms = { wasm: { prefill: 40, decode: 0.4 }, webgpu: { prefill: 2, decode: 3.1 } };
    const t = fakeTimer((b, v) => ms[b][v as 'prefill' | 'decode']);
    const d = await calibrate(plan, t.run, t.now);
    expect(d.prefill).toMatchObject({ backend: 'webgpu', reason: 'WebGPU chosen: faster for 128-token prefill (measured 2 ms vs 40 ms)' });
    expect(d.decode).toMatchObject({ backend: 'wasm', reason: 'WASM chosen: faster for one-token decode (measured 0.4 ms vs 3.1 ms)' });
    // one warm-up + 3 timed runs per backend per workload, except WebGPU decode: its first
    // timed run (3.1 ms) is already > 3 × WASM's 0.4 ms, so it stops after warm-up + 1
    expect(t.calls.length).toBe(4 + 4 + 4 + 2);
  });

  it('still measures all runs when WebGPU is slower but within 3× (the median could flip)', async () => {
    const t = fakeTimer((b) => (b === 'webgpu' ? 2.5 : 1));
    const d = await calibrate(plan, t.run, t.now);
    expect(d.decode.backend).toBe('wasm');
    expect(t.calls.filter((c) => c.startsWith('webgpu')).length).toBe(8);
  });

  it('chooses WASM everywhere when WebGPU throws', async () => {
    const t = fakeTimer((b) => (b === 'webgpu' ? NaN : 1));
    const d = await calibrate(plan, t.run, t.now);
    expect(d.prefill.backend).toBe('wasm');
    expect(d.decode.reason).toBe('WASM chosen: WebGPU failed (webgpu cannot run decode)');
  });

  it('fails loudly when even WASM cannot run the model', async () => {
    const t = fakeTimer((b) => (b === 'wasm' ? NaN : 1));
    await expect(calibrate(plan, t.run, t.now)).rejects.toThrow(/WASM prefill failed during calibration/);
  });
});

describe('timeRuns', () => {
  it('discards the warm-up and returns the median of the timed runs', async () => {
    const costs = [100, 5, 9, 6]; // warm-up 100 (shader compile), then 5, 9, 6 → median 6
    let t = 0;
    let i = 0;
    const ms = await timeRuns(async () => {
      t += costs[i++];
    }, () => t, 3);
    expect(ms).toBe(6);
  });

  it('returns the first timed run alone when stopAfterFirst says so', async () => {
    const costs = [100, 50, 1, 1];
    let t = 0;
    let i = 0;
    const ms = await timeRuns(async () => {
      t += costs[i++];
    }, () => t, 3, (first) => first > 10);
    expect([ms, i]).toEqual([50, 2]);
  });

  it('median averages the middle pair of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

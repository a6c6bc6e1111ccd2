import { afterEach, describe, expect, it } from 'vitest';
import { MARK_PREFIX, measureSince, phases, timed } from '@/lib/runtime/marks';

afterEach(() => performance.clearMeasures());

const ours = () => phases(performance.getEntriesByType('measure'));

describe('start-up phase marks', () => {
  it('records a timed call as a measure under the prefix, also when the call throws', async () => {
    expect(await timed('ort:import:wasm', () => 42)).toBe(42);
    await expect(timed('weights:fetch', async () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    expect(ours().map((p) => p.name)).toEqual(['ort:import:wasm', 'weights:fetch']);
    expect(performance.getEntriesByName(`${MARK_PREFIX}ort:import:wasm`)).toHaveLength(1);
  });

  it('measures from a given start on the same clock', () => {
    const t0 = performance.now() - 50;
    measureSince('worker:start', t0);
    const [p] = ours();
    expect(p.start).toBeCloseTo(t0, 3);
    expect(p.ms).toBeGreaterThanOrEqual(50);
  });

  it("phases keeps only our entries, in start order, with the prefix stripped", () => {
    const entries = [
      { name: `${MARK_PREFIX}b`, startTime: 20, duration: 5 },
      { name: 'someone-else', startTime: 0, duration: 1 },
      { name: `${MARK_PREFIX}a`, startTime: 10, duration: 30 },
    ];
    expect(phases(entries)).toEqual([
      { name: 'a', start: 10, ms: 30 },
      { name: 'b', start: 20, ms: 5 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { boundedCurve, boundedPlan, boundedSummary, parseWindowVariant, SLICE_TOKENS, visibleKeys, windowVariant, withWindow, type VariantForward } from '@/lib/longctx/bounded-cache';
import { presets } from '@/lib/model/presets';
import { validateConfig } from '@/lib/model/config';

describe('bounded caches (sliding window + attention sinks)', () => {
  it('window variant names round-trip and reject other names', () => {
    expect(windowVariant('logits', 64, 4)).toBe('logits@window:64:4');
    expect(parseWindowVariant('logits@window:64:4')).toEqual({ base: 'logits', size: 64, sinks: 4 });
    expect(parseWindowVariant('logits@window:0:4')).toBeNull();
    expect(parseWindowVariant('logits@yarn:4')).toBeNull();
    expect(parseWindowVariant('logits')).toBeNull();
  });

  it('withWindow sets the window mask and the config still validates', () => {
    const cfg = withWindow(presets['tiny-random'], 16, 2);
    expect(cfg.attnMask).toEqual({ kind: 'window', size: 16, sinks: 2 });
    expect(() => validateConfig(cfg)).not.toThrow();
    expect(() => withWindow(presets['tiny-random'], 0, 0)).toThrow();
    expect(() => withWindow(presets['tiny-random'], 4, -1)).toThrow();
  });

  it('counts the keys a query sees by hand: window 4 with 2 sinks', () => {
    // query 9 sees keys 6, 7, 8, 9 and the sinks 0, 1
    expect(visibleKeys(9, 4, 2)).toBe(6);
    // query 4: keys 1…4 are recent, sink 0 is extra, sink 1 is already recent
    expect(visibleKeys(4, 4, 2)).toBe(5);
    // early queries see everything up to themselves
    expect([0, 1, 2, 3].map((i) => visibleKeys(i, 4, 2))).toEqual([1, 2, 3, 4]);
    expect(visibleKeys(100, 4, 0)).toBe(4);
  });

  it('plans full attention, the window, and the window with sinks only when sinks > 0', () => {
    expect(boundedPlan(32, 4).map((s) => s.variant)).toEqual(['logits', 'logits@window:32:0', 'logits@window:32:4']);
    expect(boundedPlan(32, 0).map((s) => s.id)).toEqual(['full', 'w32s0']);
  });

  it('boundedCurve feeds the first SLICE_TOKENS tokens and averages the loss over windows', async () => {
    const seen: number[] = [];
    // uniform logits over V = 4 → every loss is ln 4
    const forward: VariantForward = async (_v, ids) => { seen.push(ids.length); return { logits: new Float32Array(ids.length * 4), vocab: 4 }; };
    const w = Array.from({ length: 300 }, (_, i) => i % 4);
    const c = await boundedCurve('logits', [w, w], forward);
    expect(seen).toEqual([SLICE_TOKENS, SLICE_TOKENS]);
    expect(c.length).toBe(SLICE_TOKENS - 1);
    expect(boundedSummary(c).whole).toBeCloseTo(Math.log(4), 12);
    expect(boundedSummary(c).late).toBeCloseTo(Math.log(4), 12);
    const ac = new AbortController();
    ac.abort();
    await expect(boundedCurve('logits', [w], forward, { signal: ac.signal })).rejects.toThrow(/cancelled/);
  });
});

describe("the runtime's '@window:<size>:<sinks>' variants", () => {
  it('build a graph whose logits equal the eager forward with the window mask', async () => {
    const { randomPresetWeights, transformerModel } = await import('@/lib/runtime/transformer');
    const { eagerStep } = await import('@/lib/model/kvcache');
    const { ids } = await import('@/lib/tensor');
    const { run, session } = await import('../model/ort');
    const { config, weights } = randomPresetWeights('tiny-random');
    const m = transformerModel(config, weights);
    const x = [1, 2, 3, 4, 5, 6, 7, 8];
    const s = await session(await m.graph('logits@window:3:1'));
    const out = await run(s, { ids: { data: BigInt64Array.from(x, (i) => BigInt(i)), shape: [1, x.length] } });
    const want = eagerStep(withWindow(config, 3, 1), weights, ids(x)).logits.data;
    const plain = eagerStep(config, weights, ids(x)).logits.data;
    let d = 0, dPlain = 0;
    for (let i = 0; i < want.length; i++) { d = Math.max(d, Math.abs(out.logits.data[i] - want[i])); dPlain = Math.max(dPlain, Math.abs(out.logits.data[i] - plain[i])); }
    expect(d).toBeLessThan(1e-4);
    expect(dPlain).toBeGreaterThan(1e-3); // the mask changed something
    await s.release();
  });
});

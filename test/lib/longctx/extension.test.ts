import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seriesCurve, seriesPlan, summarize, type Forward } from '@/lib/longctx/extension';
import { VAL_WINDOW_LENGTH, VAL_WINDOW_STRIDE, VAL_WINDOWS, valWindows } from '@/lib/longctx/val-windows';

describe('the context-extension plan', () => {
  it('runs lm under each rule at factor s, the ALiBi twin at full length and the learned twin only inside its 128-row table', () => {
    const plan = seriesPlan(4, 1024);
    expect(plan.map((s) => [s.id, s.model, s.variant, s.tokens])).toEqual([
      ['none', 'lm', 'logits', 1024],
      ['pi', 'lm', 'logits@pi:4', 1024],
      ['ntk', 'lm', 'logits@ntk:4', 1024],
      ['yarn', 'lm', 'logits@yarn:4', 1024],
      ['alibi', 'lm-alibi', 'logits', 1024],
      ['learned', 'lm-learned-pos', 'logits', 128],
    ]);
    expect(seriesPlan(2, 100).find((s) => s.id === 'learned')?.tokens).toBe(100);
  });

  it('averages the per-position loss over windows, feeding each window cut to the series length', async () => {
    // a fake model: logits row t is [0, 0] when t is even, [ln 3, 0] when odd (V = 2)
    const seen: number[][] = [];
    const forward: Forward = async (_m, _v, ids) => {
      seen.push(ids);
      return { vocab: 2, logits: ids.flatMap((_, t) => (t % 2 ? [Math.log(3), 0] : [0, 0])) };
    };
    const spec = { ...seriesPlan(2, 3)[0], tokens: 3 };
    const windows = [[0, 1, 0, 1], [0, 0, 0, 0]];
    const done: number[] = [];
    const curve = await seriesCurve(spec, windows, forward, { onWindow: (n) => done.push(n) });
    expect(seen).toEqual([[0, 1, 0], [0, 0, 0]]);
    expect(done).toEqual([1, 2]);
    // position 0: ln 2 in both; position 1: target 0 → ln(4/3) in both
    expect(curve[0]).toBeCloseTo(Math.LN2, 12);
    expect(curve[1]).toBeCloseTo(Math.log(4 / 3), 12);
  });

  it('stops when aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    const forward: Forward = async () => ({ vocab: 1, logits: [0] });
    await expect(seriesCurve(seriesPlan(1, 2)[0], [[0, 0]], forward, { signal: ac.signal })).rejects.toThrow(/cancelled/);
  });

  it('summarizes a curve over the whole window and past 256', () => {
    const curve = Array.from({ length: 511 }, (_, t) => (t < 256 ? 1 : 3));
    expect(summarize(curve, 512)).toEqual({ whole: (256 + 3 * 255) / 511, beyond: 3, within: 1 });
    expect(summarize(curve, 128).within).toBe(1); // a short window: all of it is inside
    expect(summarize(curve, 256).whole).toBe(1);
    expect(Number.isNaN(summarize(curve, 256).beyond)).toBe(true);
    expect(Number.isNaN(summarize(curve, 1024).whole)).toBe(true);
  });
});

describe('the held-out windows shipped to the page', () => {
  it('are exactly the slices of training/data/austen.val.bin they claim to be', () => {
    const val = new Uint16Array(new Uint8Array(readFileSync('training/data/austen.val.bin')).buffer);
    const w = valWindows();
    expect(w.length).toBe(VAL_WINDOWS);
    w.forEach((row, k) => expect(row).toEqual(Array.from(val.subarray(k * VAL_WINDOW_STRIDE, k * VAL_WINDOW_STRIDE + VAL_WINDOW_LENGTH))));
    expect(Math.max(...w.flat())).toBeLessThan(4096);
  });
});

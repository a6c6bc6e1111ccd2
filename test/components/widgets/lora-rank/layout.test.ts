/**
 * lora-rank's numbers against hand counts: lm's W_q is 128 × 128 and W_v 64 × 128 (4 query heads,
 * 2 key/value heads of 32), so r = 8 on both costs 8·256 + 8·192 = 3584 per block.
 */
import { describe, expect, it } from 'vitest';
import { linearAxes, errorAt, errorPoints, LM_CONFIG, paramCount, rankView } from '@/components/widgets/lora-rank/layout';

describe('lora-rank layout', () => {
  it('counts r(m + n) against m·n for W_q and W_v of lm by hand', () => {
    const v = rankView(LM_CONFIG, 8, 'qv');
    expect(v.rows).toEqual([
      { name: 'attn.wq', m: 128, n: 128, lora: 2048, full: 16384 },
      { name: 'attn.wv', m: 64, n: 128, lora: 1536, full: 8192 },
    ]);
    expect(v.lora).toBe(8 * 3584);
    expect(v.full).toBe(8 * (16384 + 8192));
    expect(v.share).toBeCloseTo(28672 / 196608, 12);
    expect(v.bytes).toBe(4 * 28672);
  });
  it('grows linearly in r and covers the MLP when asked', () => {
    expect(rankView(LM_CONFIG, 16, 'qv').lora).toBe(2 * rankView(LM_CONFIG, 8, 'qv').lora);
    const all = rankView(LM_CONFIG, 1, 'all');
    // wq 256, wk 192, wv 192, wo 256, w1 512, w2 512, w3 512 per block
    expect(all.lora).toBe(8 * (256 + 192 + 192 + 256 + 3 * 512));
    expect(all.rows.map((r) => r.name)).toEqual(['attn.wq', 'attn.wk', 'attn.wv', 'attn.wo', 'mlp.w1', 'mlp.w3', 'mlp.w2']);
  });
  it('uses the shipped parameter count of lm', () => {
    expect(paramCount(LM_CONFIG)).toBe(2099328);
  });
  it('puts linear ticks at integer ranks from 0', () => {
    const a = linearAxes({ width: 400, height: 200, margin: { top: 0, right: 0, bottom: 0, left: 0 }, xDomain: [0, 128], yDomain: [0, 1] });
    expect(a.xTicks[0]).toMatchObject({ value: 0, pos: 0 });
    expect(a.x(128)).toBe(400);
    expect(a.y(1)).toBe(0);
  });
  it('clamps r to the matrix rank and lists every rank', () => {
    const e = Float64Array.from([1, 0.5, 0]);
    expect(errorAt(e, 1)).toEqual({ rank: 1, error: 0.5 });
    expect(errorAt(e, 9)).toEqual({ rank: 2, error: 0 });
    expect(errorPoints(e)).toEqual([[0, 1], [1, 0.5], [2, 0]]);
  });
});

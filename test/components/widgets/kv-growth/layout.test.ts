import { describe, expect, it } from 'vitest';
import { gridBars, LABEL_W, ms, timingSeries } from '@/components/widgets/kv-growth/layout';
import { cacheCells } from '@/lib/longctx/kv-growth';
import type { TransformerConfig } from '@/lib/model/config';

const cfg = { nLayer: 2, nKvHead: 2, dModel: 8, nHead: 2 } as TransformerConfig;

describe('kv-growth layout', () => {
  it('lays one bar per layer × kv head, its length the cached share of the track', () => {
    const bars = gridBars(cacheCells(cfg, 5), 2, 5, 10, LABEL_W + 200);
    expect(bars).toHaveLength(4);
    expect(bars[3]).toMatchObject({ key: '1.1', x: LABEL_W + 100, full: 92, w: 46 });
    expect(bars[3].label).toBe('layer 1, kv head 1: 5 tokens, 40 numbers');
  });

  it('plots decode steps with the cache (not the prefill) and every recompute step', () => {
    const s = timingSeries([
      { context: 4, token: 1, cached: 4, cachedMs: 30, recomputeMs: 31 },
      { context: 5, token: 2, cached: 5, cachedMs: 2, recomputeMs: null },
    ]);
    expect(s[0].points).toEqual([{ x: 5, y: 2 }]);
    expect(s[1].points).toEqual([{ x: 4, y: 31 }]);
  });

  it('formats times', () => {
    expect(ms(1.234)).toBe('1.23');
    expect(ms(123.45)).toBe('123.5');
    expect(ms(null)).toBe('–');
  });
});

import { describe, expect, it } from 'vitest';
import { cacheCells, cacheTotal, cachedPositions, median, recomputedPositions, timingSummary } from '@/lib/longctx/kv-growth';
import { kvBytesPerToken, knownConfigs } from '@/lib/longctx/kv-memory';
import type { TransformerConfig } from '@/lib/model/config';

// lm's shape (models/lm/config.json): 8 layers, dModel 128, 4 heads → hs 32, 2 kv heads
const lm = { vocabSize: 4096, contextLength: 256, nLayer: 8, dModel: 128, nHead: 4, nKvHead: 2, dFF: 384, norm: 'rmsnorm', normEps: 1e-5, position: 'rope', mlp: 'swiglu', tiedEmbeddings: true, bias: false, rope: { base: 10000 } } as TransformerConfig;

describe('the KV cache as it grows', () => {
  it('has one cell per layer and kv head, each 2 · S · hs numbers', () => {
    const cells = cacheCells(lm, 10);
    expect(cells.length).toBe(16);
    expect(cells[3]).toMatchObject({ layer: 1, kvHead: 1, numbers: 640 });
    expect(cells[0].bytes).toEqual({ fp32: 2560, fp16: 1280, bf16: 1280, int8: 640 });
  });

  it('totals 4 KiB per token in fp32 for lm, 40 KiB at 10 tokens', () => {
    expect(cacheTotal(lm, 1).fp32).toBe(4096);
    expect(cacheTotal(lm, 10)).toEqual({ fp32: 40960, fp16: 20480, bf16: 20480, int8: 10240 });
    expect(cacheTotal(lm, 7).fp32).toBe(cacheCells(lm, 7).reduce((s, c) => s + c.bytes.fp32, 0));
  });

  it('counts positions run: P + n − 1 with the cache, n·P + n(n−1)/2 without', () => {
    expect(cachedPositions(4, 3)).toBe(6);
    expect(recomputedPositions(4, 3)).toBe(4 + 5 + 6);
    expect(recomputedPositions(1, 100)).toBe(5050);
    expect(cachedPositions(4, 0)).toBe(0);
  });

  it('medians and the speed-up ratio', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(timingSummary([{ context: 1, cachedMs: 1, recomputeMs: 4 }, { context: 2, cachedMs: 2, recomputeMs: 6 }, { context: 3, cachedMs: 3, recomputeMs: 30 }]))
      .toEqual({ cachedMs: 2, recomputeMs: 6, speedup: 3 });
  });

  it('Mistral 7B: 128 KiB per token in fp16; its 4096 window caps a 32k sequence at 1/8 (Jiang et al. 2023, §2)', () => {
    const m = knownConfigs['mistral-7b'];
    expect(kvBytesPerToken(m, 2)).toBe(2 * 32 * 8 * 128 * 2);
    expect(kvBytesPerToken(m, 2)).toBe(128 * 1024);
    expect(32768 / 4096).toBe(8);
    // the attention span the paper states: n_layers × W ≈ 131K tokens
    expect(m.nLayers * 4096).toBe(131072);
  });
});

describe('sharingRows: one model under MHA, its published sharing and MQA', () => {
  it('Llama 2 70B in fp16 at 4096 tokens: 2.5 MiB, 320 KiB and 40 KiB per token', async () => {
    const { sharingRows } = await import('@/lib/longctx/kv-memory');
    const rows = sharingRows(knownConfigs['llama-2-70b'], 4096, 1, 2);
    expect(rows.map((r) => [r.kind, r.nKvHeads, r.published])).toEqual([['MHA', 64, false], ['GQA', 8, true], ['MQA', 1, false]]);
    expect(rows.map((r) => r.bytesPerToken)).toEqual([2 * 80 * 64 * 128 * 2, 327680, 40960]);
    expect(rows[0].bytesPerToken).toBe(2.5 * 1024 * 1024);
    expect(rows[0].total).toBe(10 * 1024 ** 3);
    expect(rows[1].total).toBe(1.25 * 1024 ** 3);
  });

  it('lists MHA once when the model is MHA (OPT-13B) and matches lm\'s served config', async () => {
    const { sharingRows } = await import('@/lib/longctx/kv-memory');
    expect(sharingRows(knownConfigs['opt-13b'], 1, 1, 2).map((r) => r.kind)).toEqual(['MHA', 'MQA']);
    const { readFileSync } = await import('node:fs');
    const c = JSON.parse(readFileSync('models/lm/config.json', 'utf8'));
    expect(knownConfigs.lm).toMatchObject({ nLayers: c.nLayer, nHeads: c.nHead, nKvHeads: c.nKvHead, dHead: c.dModel / c.nHead, contextLength: c.contextLength });
    expect(lm.nLayer).toBe(c.nLayer);
    expect(lm.nKvHead).toBe(c.nKvHead);
  });
});

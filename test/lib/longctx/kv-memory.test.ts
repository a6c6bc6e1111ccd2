import { describe, expect, it } from 'vitest';
import { attentionKind, cacheFormats, formatBytes, kvBytesPerToken, kvCacheBytes, knownConfigs } from '@/lib/longctx/kv-memory';

describe('KV-cache memory', () => {
  it('OPT-13B in fp16 needs 819 200 bytes per token, the "800 KB" of Kwon et al. 2023 §3 (2 × 5120 × 40 × 2)', () => {
    const opt = knownConfigs['opt-13b'];
    expect(opt.nKvHeads * opt.dHead).toBe(5120);
    expect(kvBytesPerToken(opt, cacheFormats.fp16)).toBe(2 * 5120 * 40 * 2);
    expect(formatBytes(kvBytesPerToken(opt, 2))).toBe('800 KiB');
  });
  it('OPT-13B at its full 2048 tokens is about 1.6 GB per request, as Kwon et al. 2023 state', () => {
    const opt = knownConfigs['opt-13b'];
    const b = kvCacheBytes({ ...opt, seqLen: 2048, batch: 1, bytesPerElem: 2 });
    expect(b).toBe(1_677_721_600);
    // the paper multiplies its 800 (KiB) by 2048 and writes 1.6 GB: 800 · 2048 = 1 638 400 KiB
    expect(b / 1024 / 1e6).toBeCloseTo(1.64, 2);
    expect(formatBytes(b)).toBe('1.56 GiB');
  });
  it('Llama 2 70B (80 layers, 8 kv heads of 128, Touvron et al. 2023) at 4096 tokens in fp16 is 1 342 177 280 bytes = 1.25 GiB', () => {
    const l = knownConfigs['llama-2-70b'];
    expect(kvCacheBytes({ ...l, seqLen: 4096, batch: 1, bytesPerElem: 2 })).toBe(2 * 80 * 8 * 128 * 4096 * 2);
    expect(formatBytes(kvCacheBytes({ ...l, seqLen: 4096, batch: 1, bytesPerElem: 2 }))).toBe('1.25 GiB');
    expect(formatBytes(kvBytesPerToken(l, 2))).toBe('320 KiB');
  });
  it('the same model with one kv head per query head (MHA, 64) would need 8× that: 10 GiB', () => {
    const l = { ...knownConfigs['llama-2-70b'], nKvHeads: 64 };
    expect(formatBytes(kvCacheBytes({ ...l, seqLen: 4096, batch: 1, bytesPerElem: 2 }))).toBe('10 GiB');
  });
  it("the lab's lm (8 layers, 2 kv heads of 32) holds exactly 1 MiB of fp32 cache at its 256-token context", () => {
    expect(kvCacheBytes({ nLayers: 8, nKvHeads: 2, dHead: 32, seqLen: 256, batch: 1, bytesPerElem: 4 })).toBe(1024 * 1024);
  });
  it('scales linearly in batch and halves from fp16 to int8', () => {
    const s = { nLayers: 2, nKvHeads: 3, dHead: 4, seqLen: 5 };
    expect(kvCacheBytes({ ...s, batch: 6, bytesPerElem: 2 })).toBe(6 * kvCacheBytes({ ...s, batch: 1, bytesPerElem: 2 }));
    expect(kvCacheBytes({ ...s, batch: 1, bytesPerElem: cacheFormats.int8 })).toBe(2 * 2 * 3 * 4 * 5);
  });
  it('rejects negative or non-numeric sizes', () => {
    expect(() => kvCacheBytes({ nLayers: -1, nKvHeads: 1, dHead: 1, seqLen: 1, batch: 1, bytesPerElem: 1 })).toThrow(/nLayers/);
    expect(() => kvCacheBytes({ nLayers: 1, nKvHeads: NaN, dHead: 1, seqLen: 1, batch: 1, bytesPerElem: 1 })).toThrow(/nKvHeads/);
  });
  it('names the attention kind from the head counts', () => {
    expect(attentionKind(64, 64)).toBe('MHA');
    expect(attentionKind(64, 8)).toBe('GQA');
    expect(attentionKind(64, 1)).toBe('MQA');
  });
  it('formats bytes in binary units', () => {
    expect(formatBytes(12)).toBe('12 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(1024 * 1024 * 10.5)).toBe('10.5 MiB');
  });
});

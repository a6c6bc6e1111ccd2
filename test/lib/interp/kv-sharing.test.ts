import { describe, expect, it } from 'vitest';
import { kvBytesPerToken, kvGroups, sharingTable } from '@/lib/interp/kv-sharing';

describe('K/V sharing and KV-cache size', () => {
  it('groups query heads by the kv head they read', () => {
    expect(kvGroups(4, 2)).toEqual([[0, 1], [2, 3]]);
    expect(kvGroups(4, 4)).toEqual([[0], [1], [2], [3]]);
    expect(kvGroups(4, 1)).toEqual([[0, 1, 2, 3]]);
    expect(kvGroups(8, 2)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7]]);
  });

  it("lm's shape (8 layers, 4 heads of 32, fp32) costs 8192 / 4096 / 2048 bytes per token for MHA / GQA / MQA (by hand: 2·8·n_kv·32·4)", () => {
    expect(kvBytesPerToken(8, 4, 32, 4)).toBe(8192);
    expect(kvBytesPerToken(8, 2, 32, 4)).toBe(4096);
    expect(kvBytesPerToken(8, 1, 32, 4)).toBe(2048);
    const rows = sharingTable({ nLayer: 8, nHead: 4, nKvHead: 2, dModel: 128, contextLength: 256 }, 4);
    expect(rows.map((r) => [r.kind, r.nKvHead, r.bytesPerToken, r.ofMha, r.ours])).toEqual([
      ['MHA', 4, 8192, 1, false], ['GQA', 2, 4096, 0.5, true], ['MQA', 1, 2048, 0.25, false],
    ]);
    expect(rows[1].bytesPerContext).toBe(4096 * 256); // 1 MiB for a full 256-token context
    expect(rows[1].kvParamsPerLayer).toBe(2 * 128 * 64); // Wk and Wv: 128 → 2·32 each
  });

  it("the lesson's challenge: 32 layers, 8 kv heads of 128, fp16 → 128 KiB per token, 512 MiB for 4096 tokens; MHA (32 kv heads) → 512 KiB and 2 GiB", () => {
    const gqa = kvBytesPerToken(32, 8, 128, 2);
    expect(gqa).toBe(2 * 32 * 8 * 128 * 2);
    expect(gqa).toBe(131072);
    expect(gqa / 1024).toBe(128);
    expect((gqa * 4096) / 2 ** 20).toBe(512);
    const mha = kvBytesPerToken(32, 32, 128, 2);
    expect(mha / gqa).toBe(4);
    expect(mha / 1024).toBe(512);
    expect((mha * 4096) / 2 ** 30).toBe(2);
  });

  it('Llama 2 70B (80 layers, 64 heads of 128, 8 kv heads, fp16) caches 320 KiB per token with GQA vs 2.5 MiB with MHA', () => {
    // shape of the released Llama 2 70B: 80 layers, 64 heads of 128 (as LLaMA 65B, Touvron et al. 2023a, Table 2), GQA with 8 kv heads (Touvron et al. 2023b, §2.2)
    expect(kvBytesPerToken(80, 8, 128, 2)).toBe(327680);
    expect(kvBytesPerToken(80, 64, 128, 2)).toBe(2621440);
  });
});

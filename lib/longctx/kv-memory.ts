/**
 * KV-cache memory: how many bytes the keys and values of every past token take.
 *
 *   bytes = 2 · n_layers · n_kv_heads · d_head · seq_len · batch · bytes_per_elem
 *
 * (2: one key and one value vector per layer, kv head and token). n_kv_heads = n_heads is
 * multi-head attention (MHA, Vaswani et al. 2017); 1 is multi-query attention (MQA, Shazeer 2019);
 * in between is grouped-query attention (GQA, Ainslie et al. 2023). Quantization scales of an
 * int8 cache are not counted (a few bytes per block).
 *
 * Worked example (Kwon et al. 2023, "Efficient Memory Management for Large Language Model Serving
 * with PagedAttention", §3): OPT-13B, 40 layers, 40 heads × 128 = 5120, fp16 →
 * 2 · 40 · 40 · 128 · 2 = 819 200 bytes = 800 KiB per token, "800 KB" in the paper.
 */

export interface KvShape {
  nLayers: number;
  nKvHeads: number;
  dHead: number;
}

export interface KvMemoryInput extends KvShape {
  seqLen: number;
  batch: number;
  bytesPerElem: number;
}

/** Bytes per element of common cache formats. */
export const cacheFormats = { fp32: 4, fp16: 2, bf16: 2, int8: 1 } as const;
export type CacheFormat = keyof typeof cacheFormats;

/** 2 · L · nkv · hs · T · B · bytes. */
export function kvCacheBytes(c: KvMemoryInput): number {
  for (const k of ['nLayers', 'nKvHeads', 'dHead', 'seqLen', 'batch', 'bytesPerElem'] as const) {
    if (!Number.isFinite(c[k]) || c[k] < 0) throw new Error(`kvCacheBytes: ${k} must be a non-negative number (got ${c[k]})`);
  }
  return 2 * c.nLayers * c.nKvHeads * c.dHead * c.seqLen * c.batch * c.bytesPerElem;
}

/** Bytes one token adds to the cache of one sequence. */
export function kvBytesPerToken(s: KvShape, bytesPerElem: number): number {
  return kvCacheBytes({ ...s, seqLen: 1, batch: 1, bytesPerElem });
}

/** 'MHA' when every query head has its own kv head, 'MQA' for one kv head, else 'GQA'. */
export function attentionKind(nHeads: number, nKvHeads: number): 'MHA' | 'GQA' | 'MQA' {
  if (nKvHeads === nHeads) return 'MHA';
  return nKvHeads === 1 ? 'MQA' : 'GQA';
}

export interface KnownConfig extends KvShape {
  name: string;
  nHeads: number;
  contextLength: number;
  /** Where the numbers come from. */
  source: string;
}

/**
 * Configurations from their papers / released configs.
 *   Llama 2 70B: GQA and context 4096 from Touvron et al. 2023, "Llama 2", Table 1 and §2.2 (its
 *     Appendix A.2.1 ablation uses 8 KV projections); the shape — 80 layers, d_model 8192, 64 query
 *     heads (d_head 128), 8 kv heads — is from the released config.json, not the paper.
 *   OPT-13B: 40 layers, d_model 5120, 40 heads (Zhang et al. 2022, "OPT", Table 1), context 2048.
 *   Mistral 7B: 32 layers, dim 4096, 32 heads of 128, 8 kv heads, context 8192, sliding window
 *     4096 (Jiang et al. 2023, "Mistral 7B", Table 1).
 */
export const knownConfigs: Record<string, KnownConfig> = {
  lm: {
    name: 'lm (this lab)', nLayers: 8, nHeads: 4, nKvHeads: 2, dHead: 32, contextLength: 256,
    source: 'models/lm/config.json (d_model 128 / 4 heads = 32)',
  },
  'llama-2-70b': {
    name: 'Llama 2 70B', nLayers: 80, nHeads: 64, nKvHeads: 8, dHead: 128, contextLength: 4096,
    source: 'Touvron et al. 2023, "Llama 2: Open Foundation and Fine-Tuned Chat Models", Table 1 (GQA for 34B/70B, 4k context); layers, heads and 8 kv heads from the released config',
  },
  'opt-13b': {
    name: 'OPT-13B', nLayers: 40, nHeads: 40, nKvHeads: 40, dHead: 128, contextLength: 2048,
    source: 'Zhang et al. 2022, "OPT: Open Pre-trained Transformer Language Models", Table 1',
  },
  'mistral-7b': {
    name: 'Mistral 7B', nLayers: 32, nHeads: 32, nKvHeads: 8, dHead: 128, contextLength: 8192,
    source: 'Jiang et al. 2023, "Mistral 7B", Table 1 (sliding window 4096)',
  },
};

export interface SharingRow {
  kind: 'MHA' | 'GQA' | 'MQA';
  nKvHeads: number;
  published: boolean;
  bytesPerToken: number;
  total: number;
}

/**
 * The same model under MHA (a kv head per query head), its published sharing, and MQA (one kv
 * head), for seqLen tokens × batch in one format; a scheme equal to the published one appears once.
 *   Llama 2 70B, fp16, 4096 tokens: MHA 2.5 MiB/token (10 GiB); GQA-8 320 KiB (1.25 GiB); MQA 40 KiB.
 */
export function sharingRows(c: KnownConfig, seqLen: number, batch: number, bytesPerElem: number): SharingRow[] {
  const heads = [...new Set([c.nHeads, c.nKvHeads, 1])].sort((a, b) => b - a);
  return heads.map((nKvHeads) => {
    const shape = { nLayers: c.nLayers, nKvHeads, dHead: c.dHead };
    return {
      kind: attentionKind(c.nHeads, nKvHeads), nKvHeads, published: nKvHeads === c.nKvHeads,
      bytesPerToken: kvBytesPerToken(shape, bytesPerElem), total: kvCacheBytes({ ...shape, seqLen, batch, bytesPerElem }),
    };
  });
}

/** Binary units: 819200 → "800 KiB", 1342177280 → "1.25 GiB". */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const s = i === 0 ? String(v) : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  return `${s.replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1')} ${units[i]}`;
}

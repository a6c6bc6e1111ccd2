/**
 * How query heads share keys and values, and what the KV cache costs per token.
 *
 *   MHA  (Vaswani et al. 2017)  every query head has its own K/V head: nkv = nh
 *   GQA  (Ainslie et al. 2023)  query heads in groups of g = nh / nkv share one K/V head
 *   MQA  (Shazeer 2019)         all query heads share a single K/V head: nkv = 1
 *
 * A decoder caches K and V of every past token in every layer, so per token it stores
 *   bytes = 2 (K and V) · n_layer · n_kv · d_head · bytes_per_number.
 * Example (lm: 8 layers, d_head 32, fp32 = 4 bytes): MHA nkv 4 → 2·8·4·32·4 = 8192 B;
 * GQA nkv 2 → 4096 B; MQA nkv 1 → 2048 B.
 */
import { kvHeadOf } from './stages';

/** groups[kv] = the query heads that read kv head `kv`, e.g. nh 4, nkv 2 → [[0, 1], [2, 3]]. */
export function kvGroups(nHead: number, nKvHead: number): number[][] {
  const groups: number[][] = Array.from({ length: nKvHead }, () => []);
  for (let h = 0; h < nHead; h++) groups[kvHeadOf(h, nHead, nKvHead)].push(h);
  return groups;
}

export function kvBytesPerToken(nLayer: number, nKvHead: number, dHead: number, bytesPerNumber: number): number {
  return 2 * nLayer * nKvHead * dHead * bytesPerNumber;
}

export type Sharing = 'MHA' | 'GQA' | 'MQA';

export interface SharingRow {
  kind: Sharing;
  nKvHead: number;
  bytesPerToken: number;
  /** bytes for a full context of `contextLength` tokens. */
  bytesPerContext: number;
  /** as a fraction of MHA's. */
  ofMha: number;
  /** K/V projection weights per layer: 2 · d_model · nkv · d_head numbers. */
  kvParamsPerLayer: number;
  /** true for the model's own configuration. */
  ours: boolean;
}

export interface ShapeLike {
  nLayer: number;
  nHead: number;
  nKvHead: number;
  dModel: number;
  contextLength: number;
}

/** MHA, GQA (the model's nkv, or nh/2 if the model is MHA or MQA) and MQA for one model shape. */
export function sharingTable(cfg: ShapeLike, bytesPerNumber: number): SharingRow[] {
  const hs = cfg.dModel / cfg.nHead;
  const gqa = cfg.nKvHead > 1 && cfg.nKvHead < cfg.nHead ? cfg.nKvHead : Math.max(1, cfg.nHead / 2);
  const kinds: [Sharing, number][] = [['MHA', cfg.nHead], ['GQA', gqa], ['MQA', 1]];
  const mha = kvBytesPerToken(cfg.nLayer, cfg.nHead, hs, bytesPerNumber);
  return kinds.map(([kind, nkv]) => {
    const b = kvBytesPerToken(cfg.nLayer, nkv, hs, bytesPerNumber);
    return { kind, nKvHead: nkv, bytesPerToken: b, bytesPerContext: b * cfg.contextLength, ofMha: b / mha, kvParamsPerLayer: 2 * cfg.dModel * nkv * hs, ours: nkv === cfg.nKvHead };
  });
}

/**
 * KV cache: keep each layer's keys (after RoPE) and values so a new token attends to the past
 * without recomputing it. Per layer, K and V are [1, nkv, S, hs]; one decode step with T new
 * tokens concatenates them on the time axis (S → S + T) and costs O(T·S) attention instead of
 * O(S²), plus the projections of the T new tokens only.
 *
 *   eager:  const a = eagerStep(cfg, w, ids([1, 2, 3]));            // prefill
 *           const b = eagerStep(cfg, w, ids([4]), a.cache);          // decode, same logits as a full pass
 *   graph:  buildPrefillGraph → outputs present.{l}.key/value; feed them back as past.{l}.key/value
 *           to buildDecodeGraph (pastFeeds does the renaming).
 */
import type { OnnxGraph } from '@/lib/onnx';
import type { AnyTensor, Tensor } from '@/lib/tensor';
import type { TransformerConfig } from './config';
import { buildTransformerGraph } from './build';
import { EagerOps, type WeightMap } from './eager';
import { names } from './names';
import type { TapFilter } from './ops';
import { transformer, type LayerKV } from './transformer';

export type KvCache = LayerKV<Tensor>[];

/** Tokens held by a cache (0 for none). */
export function cacheLength(cache: KvCache | undefined): number {
  return cache && cache.length > 0 ? cache[0].k.shape[2] : 0;
}

/** One eager call: logits [1, T, V] for the new ids and the cache extended by them. */
export function eagerStep(cfg: TransformerConfig, weights: WeightMap, ids: AnyTensor, cache?: KvCache, taps: TapFilter = false): { logits: Tensor; cache: KvCache; trace: Map<string, AnyTensor> } {
  const ops = new EagerOps(weights, { taps });
  const past = cache && cache.length > 0 ? cache : undefined;
  const r = transformer(ops, cfg, ids, past);
  return { logits: r.logits as Tensor, cache: r.present as KvCache, trace: ops.trace };
}

/** Graph with inputs ids and outputs logits + present.{l}.key/value. */
export function buildPrefillGraph(cfg: TransformerConfig, weights: WeightMap, taps: TapFilter = false): OnnxGraph {
  return buildTransformerGraph(cfg, weights, { cache: 'prefill', taps });
}

/** Graph with inputs ids + past.{l}.key/value (P ≥ 1 tokens) and outputs logits + present.{l}.key/value. */
export function buildDecodeGraph(cfg: TransformerConfig, weights: WeightMap, taps: TapFilter = false): OnnxGraph {
  return buildTransformerGraph(cfg, weights, { cache: 'decode', taps });
}

/** Maps a prefill/decode run's outputs (present.*) to the next decode call's inputs (past.*). */
export function pastFeeds<T>(outputs: Record<string, T>, nLayer: number): Record<string, T> {
  const feeds: Record<string, T> = {};
  for (let l = 0; l < nLayer; l++) {
    for (const [from, to] of [[names.presentKey(l), names.pastKey(l)], [names.presentValue(l), names.pastValue(l)]]) {
      const t = outputs[from];
      if (t === undefined) throw new Error(`pastFeeds: output "${from}" is missing (was the graph built with a cache?)`);
      feeds[to] = t;
    }
  }
  return feeds;
}

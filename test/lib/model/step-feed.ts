/**
 * The feeds of one fixed-capacity step (lib/model/build.ts cache 'step') on Node's ORT: token `token`
 * at position `p`, the visible mask, and each layer's fixed-capacity K/V cache [1, nkv, C, hs].
 * Shared by the step-cache parity test and the runtime's CPU stand-in for the WebGPU step decoder.
 */
import { stepNames } from '@/lib/model/build';
import { names } from '@/lib/model/names';
import { visibleMask } from '@/lib/model/step-cache';
import type { run } from './ort';

export function stepFeed(token: number, p: number, cache: readonly { k: Float32Array; v: Float32Array }[], nkv: number, C: number, hs: number): Parameters<typeof run>[1] {
  const feed: Parameters<typeof run>[1] = {
    [names.ids()]: { data: BigInt64Array.of(BigInt(token)), shape: [1, 1] },
    [stepNames.pos]: { data: Float32Array.of(p), shape: [1] },
    [stepNames.visible]: { data: visibleMask(C, p), shape: [1, C + 1] },
  };
  cache.forEach((c, l) => {
    feed[names.pastKey(l)] = { data: c.k, shape: [1, nkv, C, hs] };
    feed[names.pastValue(l)] = { data: c.v, shape: [1, nkv, C, hs] };
  });
  return feed;
}

/** The feeds of one cache 'inplace' run: token `token` at position p (seqlens_k = p, total = p + 1) and each layer's cache. */
export function inplaceFeed(token: number, p: number, cache: readonly { k: Float32Array; v: Float32Array }[], nkv: number, C: number, hs: number): Parameters<typeof run>[1] {
  const feed: Parameters<typeof run>[1] = {
    [names.ids()]: { data: BigInt64Array.of(BigInt(token)), shape: [1, 1] },
    [stepNames.seqlensK]: { data: Int32Array.of(p), shape: [1] },
    [stepNames.total]: { data: Int32Array.of(p + 1), shape: [] },
  };
  cache.forEach((c, l) => {
    feed[names.pastKey(l)] = { data: c.k, shape: [1, nkv, C, hs] };
    feed[names.pastValue(l)] = { data: c.v, shape: [1, nkv, C, hs] };
  });
  return feed;
}

/**
 * A SpecLM (./driver.ts) over a KV cache that can roll back. The cache remembers which ids it
 * holds; a call with ids first truncates the cache to the longest prefix it shares with ids (a
 * rejected draft token is simply not in the new ids, so it falls off here), keeps at least the
 * n positions whose logits are wanted out of it, and feeds the rest in one forward call.
 *
 *   cache holds  [a b c x y]      (x, y: draft tokens; y was rejected, z resampled)
 *   rows([a b c x z], 2)  → truncate to [a b c] (the last 2 positions must be recomputed)
 *                         → forward([x z], past = 3 positions) → logits of x and z
 *
 * Two forwards are plugged in: ORT through the runtime (`runForward`, graph variants
 * 'kv-prefill' / 'kv-decode', K/V as WireTensors [1, nkv, S, hs]) and the eager TS reference
 * (`eagerForward`, lib/model/kvcache.ts). Truncation copies the first L of S positions.
 */

import type { TransformerConfig } from '@/lib/model/config';
import type { WeightMap } from '@/lib/model/eager';
import { eagerStep, pastFeeds, type KvCache } from '@/lib/model/kvcache';
import { names } from '@/lib/model/names';
import type { Tensor } from '@/lib/tensor';
import type { SpecLM } from './driver';

/** One forward call: the new ids after a cache of `past` → logits [T][V] and the grown cache. */
export type Forward<C> = (fresh: readonly number[], cache: C | null) => Promise<{ rows: Float32Array[]; cache: C }>;

export interface CachedLM extends SpecLM {
  /** Ids the cache holds now (for tests and the widget). */
  cached(): readonly number[];
  /** Forward calls made so far. */
  calls(): number;
  reset(): void;
}

/** First L positions of a [1, nkv, S, hs] tensor's flat data. */
export function truncateKv(data: Float32Array, dims: readonly number[], L: number): { data: Float32Array; dims: number[] } {
  const [b, h, S, hs] = dims;
  if (L > S) throw new Error(`truncateKv: cannot keep ${L} of ${S} positions`);
  const out = new Float32Array(b * h * L * hs); // [1, nkv, L, hs]
  for (let i = 0; i < b * h; i++) out.set(data.subarray(i * S * hs, i * S * hs + L * hs), i * L * hs);
  return { data: out, dims: [b, h, L, hs] };
}

export function cachedLM<C>(forward: Forward<C>, truncate: (cache: C, L: number) => C): CachedLM {
  let held: number[] = [];
  let cache: C | null = null;
  let calls = 0;
  return {
    cached: () => held,
    calls: () => calls,
    reset() {
      held = [];
      cache = null;
    },
    async rows(ids, n) {
      if (!(n >= 1 && n <= ids.length)) throw new Error(`rows: need 1 ≤ n ≤ ${ids.length} (got ${n})`);
      let L = 0;
      while (L < held.length && L < ids.length && held[L] === ids[L]) L++;
      L = Math.min(L, ids.length - n);
      if (L === 0) cache = null;
      else if (L < held.length) cache = truncate(cache!, L);
      const r = await forward(ids.slice(L), cache);
      calls++;
      cache = r.cache;
      held = ids.slice();
      return r.rows.slice(r.rows.length - n);
    },
  };
}

/** Splits logits [1, T, V] into T rows. */
function splitRows(data: Float32Array, T: number, V: number): Float32Array[] {
  return Array.from({ length: T }, (_, t) => data.slice(t * V, (t + 1) * V));
}

type Feeds = Record<string, { dtype: 'float32'; dims: number[]; data: Float32Array }>;
/** What runForward needs from the runtime: lib/runtime's RunFn or a client.run wrapper. */
export type RunVariant = (variant: 'kv-prefill' | 'kv-decode', feeds: Record<string, unknown>) => Promise<Record<string, { dims: number[]; data: unknown }>>;

/** A Forward over the runtime's KV graphs (cache = the past.* feeds). */
export function runForward(cfg: TransformerConfig, run: RunVariant): Forward<Feeds> {
  return async (fresh, cache) => {
    const ids = { dtype: 'int64', dims: [1, fresh.length], data: BigInt64Array.from(fresh, (i) => BigInt(i)) };
    const out = cache ? await run('kv-decode', { [names.ids()]: ids, ...cache }) : await run('kv-prefill', { [names.ids()]: ids });
    const logits = out[names.logits()];
    return { rows: splitRows(logits.data as Float32Array, fresh.length, cfg.vocabSize), cache: pastFeeds(out, cfg.nLayer) as unknown as Feeds };
  };
}

/** Truncation of the runtime cache (every past.* tensor). */
export function truncateFeeds(cache: Feeds, L: number): Feeds {
  const out: Feeds = {};
  for (const [name, t] of Object.entries(cache)) out[name] = { dtype: 'float32', ...truncateKv(t.data, t.dims, L) };
  return out;
}

/** A CachedLM on the runtime. */
export function runtimeLM(cfg: TransformerConfig, run: RunVariant): CachedLM {
  return cachedLM(runForward(cfg, run), truncateFeeds);
}

/** A CachedLM on the eager TS forward (Node tests; no ORT). */
export function eagerLM(cfg: TransformerConfig, weights: WeightMap): CachedLM {
  const forward: Forward<KvCache> = async (fresh, cache) => {
    const s = eagerStep(cfg, weights, { data: BigInt64Array.from(fresh, (i) => BigInt(i)), shape: [1, fresh.length] }, cache ?? undefined);
    return { rows: splitRows(s.logits.data as Float32Array, fresh.length, cfg.vocabSize), cache: s.cache };
  };
  const cut = (t: Tensor, L: number): Tensor => {
    const r = truncateKv(t.data as Float32Array, t.shape, L);
    return { ...t, data: r.data, shape: r.dims } as Tensor;
  };
  return cachedLM(forward, (c, L) => c.map((l) => ({ ...l, k: cut(l.k, L), v: cut(l.v, L) })));
}

/**
 * The one thing decoding needs from a model: a step function.
 *
 * nextLogits(ids, cache) → logits [V] for the token that follows `ids` (the whole sequence so
 * far, prompt included). `cache` is state the implementation owns — e.g. a KV cache from
 * lib/model, or nothing. The decoding loops pass the SAME cache object on every call of one
 * sequence, so an implementation may feed only the ids it has not seen yet (ids.length minus the
 * cache's length) and append to the cache in place. Beam search, which branches sequences,
 * copies caches with the caller's forkCache.
 *
 * Works over the eager TS forward and over an ORT session alike (it may return a Promise).
 */
export type NextLogits<C = unknown> = (ids: readonly number[], cache?: C) => Float32Array | Promise<Float32Array>;

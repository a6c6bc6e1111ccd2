/**
 * A model file the lab's service worker has kept, read by the model worker straight from Cache
 * Storage, so that a warm visit does not wait for the round trip through the service worker.
 *
 * The service worker keeps a model file only once its bytes hash to the manifest's sha256, under
 * that hash (lib/offline/sw-core.ts modelCacheKey, lib/offline/service-worker.ts storeVerified), so
 * a lookup by the manifest's sha256 finds that version or nothing; a new model version has a new
 * hash, misses, and downloads as before. The caller still hashes what it reads (Cache Storage is
 * shared by the whole origin: another app under the same host could write there).
 *
 * Measured (startup bench, warm visit, click at ready, this 2-core machine): the 4.2 MB `lm` took
 * 0.72-0.79 s through the service worker, in parallel with ORT's 0.71-0.74 s start; read here,
 * 0.08-0.17 s.
 *
 * Example: await keptModelFile(caches, siteRootOf('/models/', location.href), manifest.sha256)
 *   → the kept bytes, or null (nothing kept, no Cache Storage, a partitioned or broken store)
 *   and, when those bytes fail their hash, forgetKeptModelFile(…same…) before downloading: the
 *   service worker serves what it kept without hashing it again, so a damaged entry left in place
 *   would come back through the download too.
 */

import { MODEL_CACHE, modelCacheKey, siteRootFrom } from '../offline/sw-core';

/** The part of Cache Storage this needs (CacheStorage fits). */
export interface CacheStorageLike {
  has(name: string): Promise<boolean>;
  open(name: string): Promise<{ match(request: string): Promise<Response | undefined>; delete(request: string): Promise<boolean> }>;
}

/**
 * The site's root (origin plus base path, no trailing slash) for a models base URL resolved
 * against `here`, as the service worker keys models: '/models/' at 'https://x.io/a/b' →
 * 'https://x.io'; '/repo/models/' → 'https://x.io/repo'. Null for a base that is not a site's
 * models/ folder or cannot be resolved (e.g. a Node test's relative path).
 */
export function siteRootOf(base: string, here: string | undefined): string | null {
  if (!here) return null;
  try {
    const models = new URL(base, here);
    if (!/^https?:$/.test(models.protocol) || !models.pathname.endsWith('/models/')) return null;
    return siteRootFrom(new URL('../', models).href); // the service worker's own rule (it lives in the top folder)
  } catch {
    return null;
  }
}

/** A 64-hex-digit sha256, lower case; anything else is never looked up. */
const SHA256 = /^[0-9a-f]{64}$/;

/** The cache key for a model file kept under `sha256`, or null when there is none to ask for (no hash, not a sha256, no root). */
function keyFor(root: string | null, sha256: unknown): string | null {
  if (typeof sha256 !== 'string' || root === null) return null; // e.g. a manifest without a hash
  const sha = sha256.toLowerCase();
  return SHA256.test(sha) ? modelCacheKey(root, sha) : null;
}

/**
 * The bytes kept under `sha256` in the service worker's model cache, or null when there are none,
 * there is no Cache Storage, the root is unknown, or reading fails (any error means "download it").
 * Never creates the cache.
 */
export async function keptModelFile(caches: CacheStorageLike | undefined, root: string | null, sha256: unknown): Promise<Uint8Array | null> {
  const key = keyFor(root, sha256);
  if (!caches || key === null) return null;
  try {
    if (!(await caches.has(MODEL_CACHE))) return null;
    const hit = await (await caches.open(MODEL_CACHE)).match(key);
    if (!hit?.ok) return null;
    return new Uint8Array(await hit.arrayBuffer());
  } catch {
    return null;
  }
}

/**
 * Deletes the entry kept under `sha256` (its bytes failed their hash: a damaged write, or another
 * app's entry), so that the download after it reaches the network and the service worker keeps a
 * verified copy in its place. True when an entry was deleted; any failure is false (never throws).
 */
export async function forgetKeptModelFile(caches: CacheStorageLike | undefined, root: string | null, sha256: unknown): Promise<boolean> {
  const key = keyFor(root, sha256);
  if (!caches || key === null) return false;
  try {
    if (!(await caches.has(MODEL_CACHE))) return false;
    return await (await caches.open(MODEL_CACHE)).delete(key);
  } catch {
    return false;
  }
}

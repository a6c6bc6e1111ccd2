/**
 * The lab's service worker (built into public/sw.js by scripts/build-sw.mjs; registered by
 * components/ui/ServiceWorker.tsx on site pages, in production builds only). Two jobs:
 *
 * 1. Offline after the first visit. Pages and their data network-first (fresh online, cached
 *    offline), /_next/static cache-first, /ort network-first (ORT's .wasm only kept, never answered:
 *    the browser's own fetch keeps V8's code cache, see routeOf), each model file listed in models/manifest.json
 *    cache-first under its sha256 (./sw-core.ts), stored only once its bytes hash to that sha256.
 *    The manifest itself is network-first, so online the worker always knows the current hashes
 *    and never serves a model whose sha256 differs from the manifest; offline it uses the last
 *    manifest it saw, which is the one the cached models were checked against.
 * 2. Cross-origin isolation on hosts that cannot set headers: it adds COOP/COEP/CORP to the
 *    same-origin responses it answers that lack them (none on Vercel or `npm start`, which send them).
 *
 * Storage is optional: every cache operation that throws (private mode, quota, disabled storage)
 * is skipped and the request goes to the network as if there were no worker.
 */
import {
  MANIFEST_PATH, MODEL_CACHE, offlineHtml, assetUrlsInHtml, cacheNames, missingIsolationHeaders, modelCacheKey,
  modelIndex, obsoleteCaches, pageKey, routeOf, siteRootFrom, sitePathOf, staleModelKeys, toHex, urlsWorthCaching, type Route,
} from './sw-core';

declare const __LLM_LAB_BUILD__: string;
declare const __ORT_VERSION__: string;

const sw = globalThis as unknown as ServiceWorkerGlobalScope;
const ORIGIN = sw.location.origin;
/** The site's base path ('/' or '/repo/'): where this script lives (it is served from the site root). */
const BASE_PATH = new URL('./', sw.location.href).pathname;
/** Origin plus base path, no trailing slash: 'https://x.io' or 'https://x.io/repo'. */
const ROOT = siteRootFrom(sw.location.href);
const NAMES = cacheNames(__LLM_LAB_BUILD__, __ORT_VERSION__);
/** How long the manifest's hashes are trusted before the worker asks the network again. */
const INDEX_TTL_MS = 30_000;

async function open(name: string): Promise<Cache | null> {
  try {
    return await caches.open(name);
  } catch {
    return null;
  }
}
async function match(cache: Cache | null, key: string): Promise<Response | undefined> {
  try {
    return (await cache?.match(key)) ?? undefined;
  } catch {
    return undefined;
  }
}
async function put(cache: Cache | null, key: string, res: Response): Promise<void> {
  try {
    await cache?.put(key, res);
  } catch {
    // quota exceeded or storage gone: this response is simply not kept
  }
}

/**
 * Cache writes in progress, by cache key: a report of a file that is being kept right now (the
 * page's fetch went through this worker and its copy is still being written) waits for that write
 * instead of downloading the file a second time.
 */
const keeping = new Map<string, Promise<void>>();
function keep(key: string, write: Promise<void>): Promise<void> {
  const p: Promise<void> = write.finally(() => {
    if (keeping.get(key) === p) keeping.delete(key);
  });
  keeping.set(key, p);
  return p;
}

/** Responses worth keeping: complete, same-origin, not an error. */
const keepable = (res: Response) => res.ok && res.status === 200 && res.type === 'basic';

async function networkFirst(req: Request, cacheName: string, key: string, e: ExtendableEvent): Promise<Response> {
  const cache = await open(cacheName);
  try {
    const res = await fetch(req);
    if (keepable(res)) e.waitUntil(keep(key, put(cache, key, res.clone())));
    return res;
  } catch (err) {
    const hit = await match(cache, key);
    if (hit) return hit;
    throw err;
  }
}

async function cacheFirst(req: Request | string, cacheName: string, key: string, e: ExtendableEvent): Promise<Response> {
  const cache = await open(cacheName);
  const hit = await match(cache, key);
  if (hit) return hit;
  const res = await fetch(req);
  if (keepable(res)) e.waitUntil(keep(key, put(cache, key, res.clone())));
  return res;
}

let index: { map: Map<string, string>; at: number } | null = null;

function remember(manifest: unknown): Map<string, string> {
  index = { map: modelIndex(manifest), at: Date.now() };
  return index.map;
}

/** Deletes model entries the manifest no longer lists (older versions of a file, removed models). */
async function pruneModels(map: Map<string, string>): Promise<void> {
  const cache = await open(MODEL_CACHE);
  if (!cache) return;
  try {
    const keys = (await cache.keys()).map((r) => r.url);
    await Promise.all(staleModelKeys(keys, map).map((k) => cache.delete(k)));
  } catch {
    // storage gone: nothing to prune
  }
}

async function manifestResponse(req: Request, e: ExtendableEvent): Promise<Response> {
  const res = await networkFirst(req, NAMES.shell, ROOT + MANIFEST_PATH, e);
  try {
    const map = remember(await res.clone().json());
    e.waitUntil(pruneModels(map));
  } catch {
    // not JSON: models are then fetched plainly
  }
  return res;
}

/** The manifest's path → sha256 map: in memory if fresh, else the network's, else the cached one; null if none. */
async function currentIndex(e: ExtendableEvent): Promise<Map<string, string> | null> {
  if (index && Date.now() - index.at < INDEX_TTL_MS) return index.map;
  try {
    const res = await fetch(ROOT + MANIFEST_PATH, { cache: 'no-cache' });
    if (res.ok) {
      e.waitUntil(put(await open(NAMES.shell), ROOT + MANIFEST_PATH, res.clone()));
      return remember(await res.json());
    }
  } catch {
    // offline: fall back to the manifest seen last
  }
  const hit = await match(await open(NAMES.shell), ROOT + MANIFEST_PATH);
  try {
    return hit ? remember(await hit.json()) : null;
  } catch {
    return null;
  }
}

/** Reads the second copy of a model download, and keeps it only if it hashes to `sha`. */
async function storeVerified(stream: ReadableStream<Uint8Array>, sha: string, path: string, headers: Headers): Promise<void> {
  const bytes = await new Response(stream).arrayBuffer();
  if (toHex(await crypto.subtle.digest('SHA-256', bytes)) !== sha) return; // a corrupt or changed file is never kept
  const cache = await open(MODEL_CACHE);
  const h = new Headers({ 'content-type': headers.get('content-type') ?? 'application/octet-stream', 'content-length': String(bytes.byteLength), 'x-llm-lab-path': path });
  await put(cache, modelCacheKey(ROOT, sha), new Response(bytes, { status: 200, headers: h }));
  if (index) await pruneModels(index.map);
}

/** The manifest's sha256 for a model file URL, or undefined (config.json etc.: no hash to key by). */
async function shaOf(url: URL, e: ExtendableEvent): Promise<string | undefined> {
  const map = await currentIndex(e);
  const path = sitePathOf(url, ROOT);
  return path === null ? undefined : map?.get(path);
}

async function modelResponse(req: Request, url: URL, e: ExtendableEvent): Promise<Response> {
  const sha = await shaOf(url, e);
  if (!sha) return networkFirst(req, NAMES.shell, pageKey(url), e);
  const cache = await open(MODEL_CACHE);
  const hit = await match(cache, modelCacheKey(ROOT, sha));
  if (hit) return hit;
  const res = await fetch(req);
  if (!cache || !keepable(res) || !res.body) return res;
  const [forPage, forCache] = res.body.tee();
  e.waitUntil(keep(modelCacheKey(ROOT, sha), storeVerified(forCache, sha, sitePathOf(url, ROOT) ?? url.pathname, res.headers).catch(() => {})));
  return new Response(forPage, { status: res.status, statusText: res.statusText, headers: res.headers });
}

async function offlinePage(req: Request, url: URL, e: ExtendableEvent): Promise<Response> {
  try {
    return await networkFirst(req, NAMES.shell, pageKey(url), e);
  } catch {
    return new Response(offlineHtml(BASE_PATH), { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
  }
}

function handle(route: Route, req: Request, url: URL, e: FetchEvent): Promise<Response> {
  switch (route) {
    case 'navigate':
      return offlinePage(req, url, e);
    case 'static':
      return cacheFirst(req, NAMES.shell, url.href, e);
    case 'ort':
      // network first, like its .wasm (which passes this worker): ORT's JS and wasm always come
      // from the same release online (a cached module with a newer server's wasm fails to link)
      return networkFirst(req, NAMES.ort, url.href, e);
    case 'manifest':
      return manifestResponse(req, e);
    case 'model':
      return modelResponse(req, url, e);
    default:
      return networkFirst(req, NAMES.shell, pageKey(url), e);
  }
}

/** Adds the isolation headers a same-origin response lacks (hosts without header control). */
function isolate(res: Response): Response {
  if (res.type !== 'basic' && res.type !== 'default') return res; // opaque, redirects: leave alone
  const add = missingIsolationHeaders((k) => res.headers.has(k));
  if (add.length === 0) return res;
  const headers = new Headers(res.headers);
  for (const [k, v] of add) headers.set(k, v);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

/** Install: the home page and the JS/CSS it references, so the lab opens offline. */
async function precacheCore(): Promise<void> {
  const cache = await open(NAMES.shell);
  if (!cache) return;
  try {
    const res = await fetch(ROOT + '/', { cache: 'no-cache' });
    if (!keepable(res)) return;
    const html = await res.clone().text();
    await put(cache, ROOT + '/', res);
    await Promise.all(assetUrlsInHtml(html, BASE_PATH).map(async (p) => {
      const r = await fetch(ORIGIN + p).catch(() => null);
      if (r && keepable(r)) await put(cache, ORIGIN + p, r);
    }));
  } catch {
    // offline during install: pages are cached as they are visited instead
  }
}

/**
 * Files the page and its model worker report having fetched on a first visit: those that went
 * past this worker are fetched again and kept; those it kept already (or is keeping) are not.
 * Model files take the model route (kept once they hash to the manifest's sha256).
 */
async function cacheReported(urls: string[], e: ExtendableEvent): Promise<void> {
  await Promise.all(urls.map(async (u) => {
    const url = new URL(u);
    const route = routeOf(url, ROOT);
    const sha = route === 'model' ? await shaOf(url, e) : undefined;
    if (sha) {
      const key = modelCacheKey(ROOT, sha);
      await keeping.get(key);
      if (await match(await open(MODEL_CACHE), key)) return;
    }
    if (route === 'model' || route === 'manifest') {
      const req = new Request(u);
      const res = await (route === 'model' ? modelResponse(req, url, e) : manifestResponse(req, e)).catch(() => null);
      await res?.arrayBuffer().catch(() => {}); // read it through: a tee'd download stores its second copy meanwhile
      return;
    }
    const name = route === 'ort' || route === 'ort-wasm' ? NAMES.ort : NAMES.shell;
    const key = route === 'page-data' ? pageKey(url) : url.href;
    await keeping.get(key);
    const cache = await open(name);
    if (!cache || (await match(cache, key))) return;
    const r = await fetch(u).catch(() => null);
    if (r && keepable(r)) await put(cache, key, r);
  }));
}

sw.addEventListener('install', (e) => {
  e.waitUntil(precacheCore().finally(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (e) => {
  e.waitUntil((async () => {
    try {
      const stale = obsoleteCaches(await caches.keys(), NAMES);
      await Promise.all(stale.map((n) => caches.delete(n)));
    } catch {
      // no storage
    }
    await sw.clients.claim();
  })());
});

sw.addEventListener('message', (e) => {
  const msg = e.data as { type?: string; urls?: unknown } | null;
  if (msg?.type === 'llm-lab:cache-urls') e.waitUntil(cacheReported(urlsWorthCaching(msg.urls, ROOT), e));
});

sw.addEventListener('fetch', (e) => {
  const req = e.request;
  const url = new URL(req.url);
  const route = routeOf(url, ROOT, { method: req.method, mode: req.mode, range: req.headers.has('range') });
  if (route === 'bypass' || route === 'ort-wasm') return; // ORT's wasm: the browser's fetch, so V8 reuses its compiled code
  e.respondWith(handle(route, req, url, e).then(isolate));
});

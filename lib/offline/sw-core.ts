/**
 * The pure decisions of the lab's service worker (lib/offline/service-worker.ts wires them to
 * events). No imports: scripts/build-sw.mjs strips the `export`s and inlines this file into
 * public/sw.js, a classic worker script.
 *
 * Caches (names carry a version so a new deploy or ORT release starts clean):
 *   llm-lab-shell-<build>   pages (HTML, RSC payloads) network-first; /_next/static/* cache-first
 *                           (content-hashed names never change)
 *   llm-lab-ort-<version>   /ort/* (ORT's modules network-first; its .wasm files are kept here but
 *                           the worker never answers for them: see 'ort-wasm'), per ORT version
 *   llm-lab-models          one entry per model file listed with a sha256 in models/manifest.json,
 *                           keyed by that sha256 (modelCacheKey), stored only after its bytes hash
 *                           to it; an entry whose sha256 the manifest no longer lists is deleted
 *
 * Example: routeOf(new URL('https://lab.example/models/lm/model.safetensors'), 'https://lab.example') → 'model'
 *          routeOf(new URL('https://x.io/repo/models/lm/model.safetensors'), 'https://x.io/repo') → 'model'
 */

export type Route = 'navigate' | 'static' | 'ort' | 'ort-wasm' | 'manifest' | 'model' | 'page-data' | 'bypass';

export const MANIFEST_PATH = '/models/manifest.json';
export const SHELL_PREFIX = 'llm-lab-shell-';
export const ORT_PREFIX = 'llm-lab-ort-';
export const MODEL_CACHE = 'llm-lab-models';
/** Synthetic URL path under which a model file with this content hash is cached. */
export const MODEL_KEY_PREFIX = '/__llm-lab-model__/';

/** Cache names for a build and an ORT version: { shell: 'llm-lab-shell-<build>', ort: 'llm-lab-ort-<v>', models }. */
export function cacheNames(build: string, ortVersion: string): { shell: string; ort: string; models: string } {
  return { shell: SHELL_PREFIX + build, ort: ORT_PREFIX + ortVersion, models: MODEL_CACHE };
}

/** Our caches that the current names do not keep (older builds, older ORT); other sites' caches untouched. */
export function obsoleteCaches(existing: string[], current: { shell: string; ort: string; models: string }): string[] {
  const keep = new Set([current.shell, current.ort, current.models]);
  return existing.filter((n) => (n.startsWith(SHELL_PREFIX) || n.startsWith(ORT_PREFIX)) && !keep.has(n));
}

/**
 * The site path of `url` below the site's root ('https://x.io' or 'https://x.io/repo' for a site
 * served under /repo/), starting with '/'; null for another origin or a path outside the site.
 * Example: sitePathOf(new URL('https://x.io/repo/ort/a.wasm'), 'https://x.io/repo') → '/ort/a.wasm'
 */
export function sitePathOf(url: URL, root: string): string | null {
  const r = new URL(root.replace(/\/+$/, '') + '/');
  if (url.origin !== r.origin || !url.pathname.startsWith(r.pathname)) return null;
  return '/' + url.pathname.slice(r.pathname.length);
}

/**
 * Which strategy a GET request gets; `root` is the site's origin plus its base path, without a
 * trailing slash. Other origins, paths outside the site, non-GET and range requests pass through.
 * 'ort-wasm' (ORT's .wasm binaries) also passes through, yet is kept for offline use when reported:
 * V8 keeps a page's compiled WebAssembly (its code cache) only for a response the browser fetched
 * itself. One a service worker answered, even straight from Cache Storage, is compiled again on
 * every visit (measured in Chromium: ~3,800 lazy compiles and ~225 optimising ones in every first
 * generation, against ~140 and ~80 when it passes through), and a page's first generation then
 * decodes at about half speed. Offline, the model worker reads the kept copy itself
 * (lib/runtime/cache-fallback.ts).
 */
export function routeOf(url: URL, root: string, opts: { method?: string; mode?: string; range?: boolean } = {}): Route {
  const p = sitePathOf(url, root);
  if ((opts.method ?? 'GET') !== 'GET' || opts.range || p === null) return 'bypass';
  if (p === '/sw.js') return 'bypass';
  if (opts.mode === 'navigate') return 'navigate';
  if (p.startsWith('/_next/static/')) return 'static';
  if (p.startsWith('/ort/')) return p.endsWith('.wasm') ? 'ort-wasm' : 'ort';
  if (p === MANIFEST_PATH) return 'manifest';
  if (p.startsWith('/models/')) return 'model';
  return 'page-data';
}

/** The cache key of a page or payload URL: no hash, no `_rsc` cache-busting parameter. */
export function pageKey(url: URL): string {
  const u = new URL(url.href);
  u.hash = '';
  u.searchParams.delete('_rsc');
  return u.href;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Site path → sha256 of every file models/manifest.json lists with a hash: each model's
 * files.weights (with the model's sha256) and each tokenizer's file. Paths in the manifest are
 * relative to the site root ('models/lm/model.safetensors' → '/models/lm/model.safetensors').
 * Anything malformed is skipped (that file is then fetched like any other, never from this cache).
 */
export function modelIndex(manifest: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const add = (file: unknown, sha: unknown) => {
    if (typeof file !== 'string' || typeof sha !== 'string') return;
    const hex = sha.toLowerCase();
    if (!SHA256.test(hex) || file.includes('..')) return;
    out.set('/' + file.replace(/^\/+/, ''), hex);
  };
  if (!manifest || typeof manifest !== 'object') return out;
  const m = manifest as { models?: unknown; tokenizers?: unknown };
  const entries = (x: unknown) => (x && typeof x === 'object' ? Object.values(x as Record<string, unknown>) : []);
  for (const e of entries(m.models)) {
    const entry = e as { files?: { weights?: unknown }; sha256?: unknown } | null;
    add(entry?.files?.weights, entry?.sha256);
  }
  for (const e of entries(m.tokenizers)) {
    const entry = e as { file?: unknown; sha256?: unknown } | null;
    add(entry?.file, entry?.sha256);
  }
  return out;
}

/**
 * The site's root (origin plus base path, no trailing slash) from the URL of a file or folder in
 * the site's top folder: the service worker's own script ('https://x.io/repo/sw.js' →
 * 'https://x.io/repo'; 'https://x.io/sw.js' → 'https://x.io'). Model cache keys hang off it.
 */
export function siteRootFrom(topLevelUrl: string): string {
  const u = new URL('./', topLevelUrl);
  return u.origin + u.pathname.slice(0, -1);
}

/** '/__llm-lab-model__/<sha256>' as an absolute URL on `origin`. */
export function modelCacheKey(origin: string, sha256: string): string {
  return `${origin}${MODEL_KEY_PREFIX}${sha256}`;
}

/** The sha256 in a model cache key, or null for any other URL. */
export function shaOfKey(key: string): string | null {
  const i = key.indexOf(MODEL_KEY_PREFIX);
  if (i < 0) return null;
  const sha = key.slice(i + MODEL_KEY_PREFIX.length);
  return SHA256.test(sha) ? sha : null;
}

/**
 * Model cache keys to delete, given the current manifest index: every entry whose sha256 no file of
 * the manifest has (a replaced version, a removed model) and every key that is not a model key.
 * A new version of lm/model.safetensors thus replaces the old entry as soon as the manifest changes.
 */
export function staleModelKeys(keys: string[], index: Map<string, string>): string[] {
  const live = new Set(index.values());
  return keys.filter((k) => {
    const sha = shaOfKey(k);
    return sha === null || !live.has(sha);
  });
}

/** Lower-case hex of a digest. */
export function toHex(digest: ArrayBuffer): string {
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The isolation headers the host should have sent (scripts/headers.mjs); added only where missing. */
export const ISOLATION: [string, string][] = [
  ['cross-origin-opener-policy', 'same-origin'],
  ['cross-origin-embedder-policy', 'require-corp'],
  ['cross-origin-resource-policy', 'cross-origin'],
];

/** The headers to add to a same-origin response so its page is cross-origin isolated ([] when the host sent them). */
export function missingIsolationHeaders(has: (name: string) => boolean): [string, string][] {
  return ISOLATION.filter(([k]) => !has(k));
}

/**
 * The same-origin JS/CSS a page's HTML references (<basePath>_next/static/…), to cache with the page
 * so it also renders offline. Example: '<script src="/_next/static/chunks/a.js">' → ['/_next/static/chunks/a.js'];
 * with basePath '/repo/' only '/repo/_next/static/…' paths count.
 */
export function assetUrlsInHtml(html: string, basePath = '/'): string[] {
  const out = new Set<string>();
  const prefix = basePath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') + '_next\\/static\\/';
  for (const m of html.matchAll(new RegExp(`(?:src|href)="(${prefix}[^"?#]+)"`, 'g'))) out.add(m[1]);
  return [...out];
}

/**
 * URLs a page reports it (or its model worker) loaded before the service worker controlled it,
 * reduced to ours worth caching (`root` as in routeOf); model files are then kept by their sha256.
 */
export function urlsWorthCaching(urls: unknown, root: string): string[] {
  if (!Array.isArray(urls)) return [];
  const out = new Set<string>();
  for (const u of urls.slice(0, 500)) {
    if (typeof u !== 'string') continue;
    let url: URL;
    try {
      url = new URL(u);
    } catch {
      continue;
    }
    const r = routeOf(url, root);
    if (r === 'static' || r === 'page-data' || r === 'ort' || r === 'ort-wasm' || r === 'model' || r === 'manifest') out.add(url.href);
  }
  return [...out];
}

/** A short page for a route never visited online (offline, nothing cached); `home` is the site's base path. */
export const offlineHtml = (home = '/'): string => OFFLINE_HTML.replace('<a href="/">', `<a href="${home.replace(/[^\w/.-]/g, '')}">`);
export const OFFLINE_HTML =
  '<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
  '<title>Offline · LLM Lab</title><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem">' +
  '<h1>You are offline</h1><p>This page was not opened while online, so it is not stored on this device. ' +
  'Pages you have visited, and models you have run, work offline.</p><p><a href="/">Go to the home page</a></p></body></html>';

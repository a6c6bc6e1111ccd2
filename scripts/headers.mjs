/**
 * The response headers every host sends, in one place: `npm start` / the e2e server
 * (scripts/serve.mjs) and `npm run dev` (next.config.ts) import this list; vercel.json repeats it
 * as JSON (Vercel reads no JS), and test/scripts/headers.test.ts checks the two agree.
 *
 * Why these: onnxruntime-web's WASM engine uses several threads only with SharedArrayBuffer, which
 * a page gets only when it is cross-origin isolated (`self.crossOriginIsolated`), i.e. when the
 * document is served with
 *   Cross-Origin-Opener-Policy: same-origin     (a top-level page gets its own browsing context group)
 *   Cross-Origin-Embedder-Policy: require-corp  (every subresource/iframe opts in via CORP or CORS)
 * (HTML spec, "cross-origin isolation"; MDN, Cross-Origin-Embedder-Policy).
 *
 * require-corp rather than credentialless: the lab loads only its own files, so require-corp costs
 * nothing here, and Safari implements require-corp but not credentialless.
 *
 * Same headers on /embed/*: COOP is ignored in an iframe, and COEP on the embed document only
 * restricts what the embed itself loads (all same-origin). Inside a course page that is not
 * isolated an embed therefore still works, on one thread; inside a page that is isolated itself and
 * grants `allow="cross-origin-isolated"` on the iframe, the embed is isolated too and gets threads.
 * `Cross-Origin-Resource-Policy: cross-origin` on everything is what lets such an isolated page (COEP
 * require-corp) load our iframe at all. What differs for embeds lives in the service worker
 * registration (components/ui/ServiceWorker.tsx): never the isolate-by-reload trick inside a frame.
 */

/** COOP + COEP + CORP, as [name, value] pairs (lower-case names). */
export const ISOLATION_HEADERS = [
  ['cross-origin-opener-policy', 'same-origin'],
  ['cross-origin-embedder-policy', 'require-corp'],
  ['cross-origin-resource-policy', 'cross-origin'],
];

/**
 * Rules in Vercel's `headers` shape: `source` is a path pattern, `headers` a list of {key, value}.
 * Only two pattern forms are used (and understood by matchesSource): '/(.*)' (every path) and
 * '/prefix/(.*)'.
 */
export const HEADER_RULES = [
  {
    source: '/(.*)',
    headers: [...ISOLATION_HEADERS, ['x-content-type-options', 'nosniff']].map(([key, value]) => ({ key, value })),
  },
  {
    // the service worker must be revalidated on every visit so a new deploy takes over
    source: '/sw.js',
    headers: [{ key: 'cache-control', value: 'no-cache' }],
  },
];

/** Does a rule's source match a URL path? '/(.*)' → every path; '/x/(.*)' → paths under /x/; else exact. */
export function matchesSource(source, pathname) {
  if (source.endsWith('(.*)')) return pathname.startsWith(source.slice(0, -'(.*)'.length));
  return pathname === source;
}

/** The headers for one path, later rules overriding earlier ones (as Vercel applies them). */
export function headersFor(pathname, rules = HEADER_RULES) {
  const out = {};
  for (const r of rules) if (matchesSource(r.source, pathname)) for (const h of r.headers) out[h.key.toLowerCase()] = h.value;
  return out;
}

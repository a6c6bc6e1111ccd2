/**
 * The model worker's `fetch` for ORT's .wasm binaries: the network (through the browser's HTTP
 * cache) first, and the copy the lab's service worker kept in Cache Storage when that fails.
 *
 * Why: the service worker lets these requests pass (lib/offline/sw-core.ts, route 'ort-wasm'),
 * because V8 reuses a module's compiled code on the next visit only when the browser fetched the
 * response itself. So offline, or on a connection that is up but reaches nothing, nobody would
 * answer with the kept copy; this does, inside the worker, for ORT's `instantiateStreaming` call
 * (onnxruntime-web's Emscripten glue calls the global `fetch` by name).
 *
 * Example: withCacheFallback(fetch, () => caches, isOrtWasm)('/ort/ort-wasm-simd-threaded.wasm')
 *   online → the network's response; offline → the kept copy; nothing kept → the network's error.
 */

/** The User Timing mark the model worker sets when ORT's wasm came from the kept copy (e2e reads it). */
export const KEPT_WASM_MARK = 'ort:wasm-from-kept-copy';

type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
interface CacheLookup {
  match(request: string): Promise<Response | undefined>;
}

/** Whether a URL is one of ORT's self-hosted .wasm binaries (…/ort/<name>.wasm, query or not). */
export function isOrtWasm(url: string): boolean {
  try {
    return /\/ort\/[^/]+\.wasm$/.test(new URL(url, 'http://x.invalid/').pathname);
  } catch {
    return false;
  }
}

function urlOf(input: RequestInfo | URL): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

/**
 * `fetchFn`, except that a request `applies` to whose network answer is an error (or not ok) is
 * answered from `caches()` when it holds the URL (`onKept(url)` is then called). Other requests,
 * and anything when there is no Cache Storage (private mode, storage off), behave exactly as `fetchFn`.
 */
export function withCacheFallback(
  fetchFn: Fetch,
  caches: () => CacheLookup | undefined,
  applies: (url: string) => boolean = isOrtWasm,
  onKept: (url: string) => void = () => {},
): Fetch {
  return async (input, init) => {
    const url = urlOf(input);
    if (!applies(url)) return fetchFn(input, init);
    const kept = async (): Promise<Response | undefined> => {
      try {
        const hit = await caches()?.match(new URL(url, (globalThis as { location?: { href: string } }).location?.href ?? undefined).href);
        if (!hit?.ok) return undefined;
        onKept(url);
        return hit;
      } catch {
        return undefined;
      }
    };
    let res: Response;
    try {
      res = await fetchFn(input, init);
    } catch (err) {
      const hit = await kept();
      if (hit) return hit;
      throw err;
    }
    if (res.ok) return res;
    return (await kept()) ?? res;
  };
}

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
 * Example: withCacheFallback(fetch, () => keptOrtFiles(caches, '1.30.0'))('/ort/ort-wasm-simd-threaded.wasm')
 *   online → the network's response; offline, or no answer within STALL_MS → the kept copy;
 *   nothing kept → the network's own error or response.
 */

import { ORT_PREFIX } from '../offline/sw-core';
import { timerStall, type Stall } from './stall';

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

/** How long the network may stay silent (no response headers) before a kept copy answers instead. */
export const STALL_MS = 8000;


export interface FallbackOptions {
  /** Which requests may be answered from the kept copy (default: ORT's .wasm files). */
  applies?: (url: string) => boolean;
  /** Called with the URL whenever the kept copy answered. */
  onKept?: (url: string) => void;
  /** When the network counts as stalled (a connection that is up but answers nothing); default STALL_MS. */
  stall?: Stall;
}

/**
 * The kept copies of one ORT release: the service worker's cache for it (ORT_PREFIX + version),
 * never another release's (a wasm from another release than its JS fails to link). Undefined when
 * the release is not known yet or there is no Cache Storage.
 */
export function keptOrtFiles(caches: CacheStorage | undefined, version: string | undefined): CacheLookup | undefined {
  if (!caches || !version) return undefined;
  const name = ORT_PREFIX + version;
  return { match: async (url) => ((await caches.has(name)) ? (await caches.open(name)).match(url) : undefined) };
}

/** An answer the page can use: ok, and not an HTML page in its place (a captive portal's login page). */
const usable = (res: Response) => res.ok && !(res.headers.get('content-type') ?? '').startsWith('text/html');

/**
 * `fetchFn`, except that a request `applies` to is answered from `caches()` when the network fails,
 * answers with an error status or an HTML page, or has sent no response headers once `stall` is
 * over (that request is then aborted), provided the cache holds the URL. A request its caller
 * aborted stays aborted. Other requests, and anything when there is no Cache Storage (private mode,
 * storage off) or no kept copy, behave exactly as `fetchFn`.
 */
export function withCacheFallback(fetchFn: Fetch, caches: () => CacheLookup | undefined, opts: FallbackOptions = {}): Fetch {
  const { applies = isOrtWasm, onKept = () => {}, stall = timerStall(STALL_MS) } = opts;
  return async (input, init) => {
    const url = urlOf(input);
    if (!applies(url)) return fetchFn(input, init);
    const callerSignal = init?.signal ?? (typeof Request !== 'undefined' && input instanceof Request ? input.signal : undefined);
    const kept = async (): Promise<Response | undefined> => {
      if (callerSignal?.aborted) return undefined;
      let hit: Response | undefined;
      try {
        hit = await caches()?.match(new URL(url, (globalThis as { location?: { href: string } }).location?.href ?? undefined).href);
      } catch {
        return undefined;
      }
      if (!hit?.ok) return undefined;
      try {
        onKept(url);
      } catch {
        // a failing observer does not cost the answer
      }
      return hit;
    };
    const ac = new AbortController();
    const signal = callerSignal ? AbortSignal.any([ac.signal, callerSignal]) : ac.signal;
    type Answer = { res: Response } | { err: unknown };
    const network: Promise<Answer> = fetchFn(input, { ...init, signal }).then((res) => ({ res }), (err: unknown) => ({ err }));
    const timer = stall();
    const first = await Promise.race([network, timer.wait.then(() => null)]);
    timer.cancel();
    if (first === null) {
      const hit = await kept();
      if (hit) {
        ac.abort();
        return hit;
      }
    }
    const answer = first ?? (await network);
    if ('err' in answer) {
      const hit = await kept();
      if (hit) return hit;
      throw answer.err;
    }
    if (usable(answer.res)) return answer.res;
    const hit = await kept();
    if (!hit) return answer.res;
    void answer.res.body?.cancel().catch(() => {});
    return hit;
  };
}

/**
 * The model worker: hosts the Runtime off the main thread, so downloads, graph building and
 * inference never block the UI. Started by ./client.ts with
 *   new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }).
 * Messages: ./protocol.ts. Models come from ./provider.ts.
 */

import { indexedDbStore } from './decisions';
import { createHost } from './host';
import { measureSince } from './marks';
import { configureOrt, ortVersion } from './ort';
import { defaultProvider } from './provider';
import type { Response } from './protocol';
import { Runtime } from './runtime';
import { registerTransformerModels } from './transformer';
import { registerQuantModels } from './quant';
import { PRUNE_PREFIX, registerPruneModels } from './prune';
import { withNewResources } from './resources';
import { KEPT_WASM_MARK, keptOrtFiles, withCacheFallback } from './cache-fallback';

interface WorkerScope {
  postMessage(msg: Response, transfer?: ArrayBuffer[]): void;
  addEventListener(type: 'message', fn: (e: { data: unknown }) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
// ORT's wasm comes from the network (the service worker lets it pass, so V8 keeps its compiled
// code between visits) or, when that fails, from the copy the service worker kept for the release
// whose JS was imported (./cache-fallback.ts)
const g = globalThis as unknown as { fetch: typeof fetch; caches?: CacheStorage };
g.fetch = withCacheFallback(g.fetch.bind(globalThis), () => keptOrtFiles(g.caches, ortVersion()), { onKept: (url) => performance.mark(KEPT_WASM_MARK, { detail: url }) });
// the client names the worker "model-worker:<base path>" (e.g. "model-worker:/repo/") so that
// a site served below the root still finds its wasm and model files
const base = /^model-worker:(\/.*)$/.exec((globalThis as { name?: string }).name ?? '')?.[1] ?? '/';
configureOrt({ wasmBase: `${base}ort/` });
registerQuantModels(`${base}models/`); // before the catch-all family below
registerPruneModels(`${base}models/`);
registerTransformerModels(`${base}models/`);
const store = indexedDbStore() ?? undefined;
/** Each result also lists what this worker has fetched since the last one, its own script first (./resources.ts). */
const reported = new Set<string>();
const fetched = () => [(globalThis as { location?: { href: string } }).location?.href ?? '', ...performance.getEntriesByType('resource').map((r) => r.name)].filter(Boolean);
const withResources = (msg: Response): Response => (msg.type === 'result' ? withNewResources(msg, reported, fetched()) : msg);
const host = createHost(new Runtime({ provider: defaultProvider, store, keepLast: { [PRUNE_PREFIX]: 4 }, prepareOrt: true }), (msg, transfer) => scope.postMessage(withResources(msg), transfer ?? []));
scope.addEventListener('message', (e) => {
  void host.handle(e.data);
});
measureSince('worker:start', 0); // from the worker's creation to here: its script fetched and evaluated

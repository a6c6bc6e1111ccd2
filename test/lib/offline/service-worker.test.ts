/**
 * The service worker's event handlers in Node with fakes: a Cache Storage in memory (or one that
 * throws, as in private mode), a fake network, and fetch events dispatched by hand.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const O = 'https://lab.example';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

class FakeCache {
  store = new Map<string, { body: ArrayBuffer; init: ResponseInit }>();
  async match(key: string) {
    const e = this.store.get(key);
    return e ? new Response(e.body.slice(0), e.init) : undefined;
  }
  async put(key: string, res: Response) {
    this.store.set(key, { body: await res.arrayBuffer(), init: { status: res.status, headers: res.headers } });
  }
  async keys() {
    return [...this.store.keys()].map((k) => new Request(k));
  }
  async delete(key: string) {
    return this.store.delete(key);
  }
}

type Handler = (e: unknown) => void;
let handlers: Record<string, Handler>;
let caches: Map<string, FakeCache>;
let network: Map<string, () => Response>;
let netCalls: string[];

function install(opts: { storage: boolean; base?: string }) {
  handlers = {};
  caches = new Map();
  network = new Map();
  netCalls = [];
  const g = globalThis as Record<string, unknown>;
  g.__LLM_LAB_BUILD__ = 'b1';
  g.__ORT_VERSION__ = '1.30.0';
  g.location = new URL(O + (opts.base ?? '/') + 'sw.js');
  g.addEventListener = (type: string, fn: Handler) => (handlers[type] = fn);
  g.skipWaiting = async () => {};
  g.clients = { claim: async () => {} };
  const fail = async () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  };
  g.caches = opts.storage
    ? {
        open: async (n: string) => caches.get(n) ?? caches.set(n, new FakeCache()).get(n),
        keys: async () => [...caches.keys()],
        has: async (n: string) => caches.has(n),
        delete: async (n: string) => caches.delete(n),
      }
    : { open: fail, keys: fail, has: fail, delete: fail };
  vi.stubGlobal('fetch', async (input: { url: string } | string) => {
    const u = typeof input === 'string' ? input : input.url;
    netCalls.push(new URL(u).pathname);
    const make = network.get(new URL(u).pathname);
    if (!make) throw new TypeError('Failed to fetch (offline)');
    return make();
  });
}

/** A basic-looking network response (Response objects made in Node have type 'default'). */
function resp(body: Uint8Array | string, type = 'application/octet-stream'): () => Response {
  return () => {
    const r = new Response(typeof body === 'string' ? body : new Blob([new Uint8Array(body)]), { status: 200, headers: { 'content-type': type } });
    Object.defineProperty(r, 'type', { value: 'basic' });
    return r;
  };
}

async function get(path: string, mode = 'cors'): Promise<Response> {
  let responded: Promise<Response> | undefined;
  const waits: Promise<unknown>[] = [];
  // Node's Request refuses mode 'navigate'; the worker reads only these fields
  const request = { url: O + path, method: 'GET', mode, headers: new Headers() };
  handlers.fetch({ request, respondWith: (p: Promise<Response>) => (responded = p), waitUntil: (p: Promise<unknown>) => waits.push(p) });
  if (!responded) throw new Error(`not handled: ${path}`);
  const res = await responded;
  const body = new Uint8Array(await res.arrayBuffer());
  // the background copies (model verification, cache puts) finish before the next request
  for (let i = 0; i < waits.length; i++) await waits[i];
  return new Response(body, { status: res.status, headers: res.headers });
}

/** Dispatches the page's 'llm-lab:cache-urls' report and waits until the worker has done with it. */
async function report(paths: string[]): Promise<void> {
  const waits: Promise<unknown>[] = [];
  handlers.message({ data: { type: 'llm-lab:cache-urls', urls: paths.map((p) => O + p) }, waitUntil: (p: Promise<unknown>) => waits.push(p) });
  for (let i = 0; i < waits.length; i++) await waits[i];
}

function manifest(weightsSha: string) {
  return JSON.stringify({ models: { lm: { files: { weights: 'models/lm/model.safetensors', config: 'models/lm/config.json' }, sha256: weightsSha } } });
}

async function loadWorker(storage = true, base = '/') {
  install({ storage, base });
  vi.resetModules();
  await import('@/lib/offline/service-worker');
}

describe('the service worker', () => {
  beforeEach(() => vi.useRealTimers());
  afterEach(() => vi.unstubAllGlobals());

  it('caches a model under its sha256 and serves it with the network gone', async () => {
    await loadWorker();
    const v1 = new Uint8Array([1, 2, 3, 4]);
    network.set('/models/manifest.json', resp(manifest(sha(v1)), 'application/json'));
    network.set('/models/lm/model.safetensors', resp(v1));
    await get('/models/manifest.json');
    expect([...new Uint8Array(await (await get('/models/lm/model.safetensors')).arrayBuffer())]).toEqual([1, 2, 3, 4]);
    expect([...caches.get('llm-lab-models')!.store.keys()]).toEqual([`${O}/__llm-lab-model__/${sha(v1)}`]);
    network.clear();
    expect([...new Uint8Array(await (await get('/models/lm/model.safetensors')).arrayBuffer())]).toEqual([1, 2, 3, 4]);
  });

  it('on a site served below /repo/ it caches that site\'s models and pages, and passes other paths through', async () => {
    await loadWorker(true, '/repo/');
    const v1 = new Uint8Array([5, 6, 7]);
    network.set('/repo/models/manifest.json', resp(manifest(sha(v1)), 'application/json'));
    network.set('/repo/models/lm/model.safetensors', resp(v1));
    network.set('/repo/lessons/x/', resp('<p>x</p>', 'text/html'));
    await get('/repo/models/manifest.json');
    await get('/repo/models/lm/model.safetensors');
    await get('/repo/lessons/x/', 'navigate');
    expect([...caches.get('llm-lab-models')!.store.keys()]).toEqual([`${O}/repo/__llm-lab-model__/${sha(v1)}`]);
    network.clear();
    expect([...new Uint8Array(await (await get('/repo/models/lm/model.safetensors')).arrayBuffer())]).toEqual([5, 6, 7]);
    expect(await (await get('/repo/lessons/x/', 'navigate')).text()).toBe('<p>x</p>');
    const off = await get('/repo/lessons/never-visited/', 'navigate');
    expect(off.status).toBe(503);
    expect(await off.text()).toContain('<a href="/repo/">');
    await expect(get('/other-site/page/')).rejects.toThrow('not handled');
  });

  it('a new version in the manifest is fetched anew and replaces the old entry', async () => {
    await loadWorker();
    const v1 = new Uint8Array([1, 1]);
    const v2 = new Uint8Array([2, 2, 2]);
    network.set('/models/manifest.json', resp(manifest(sha(v1)), 'application/json'));
    network.set('/models/lm/model.safetensors', resp(v1));
    await get('/models/manifest.json');
    await get('/models/lm/model.safetensors');
    network.set('/models/manifest.json', resp(manifest(sha(v2)), 'application/json'));
    network.set('/models/lm/model.safetensors', resp(v2));
    await get('/models/manifest.json');
    const got = new Uint8Array(await (await get('/models/lm/model.safetensors')).arrayBuffer());
    expect([...got]).toEqual([2, 2, 2]);
    expect([...caches.get('llm-lab-models')!.store.keys()]).toEqual([`${O}/__llm-lab-model__/${sha(v2)}`]);
  });

  it('never keeps bytes whose sha256 differs from the manifest (a stale or corrupt download)', async () => {
    await loadWorker();
    network.set('/models/manifest.json', resp(manifest('f'.repeat(64)), 'application/json'));
    network.set('/models/lm/model.safetensors', resp(new Uint8Array([9, 9])));
    await get('/models/manifest.json');
    expect((await get('/models/lm/model.safetensors')).status).toBe(200); // the page gets them and rejects them itself
    expect(caches.get('llm-lab-models')?.store.size ?? 0).toBe(0);
    await get('/models/lm/model.safetensors');
    expect(netCalls.filter((p) => p === '/models/lm/model.safetensors')).toHaveLength(2); // fetched again, not from cache
  });

  it('with storage unavailable (private mode) every request simply goes to the network', async () => {
    await loadWorker(false);
    network.set('/models/manifest.json', resp(manifest('a'.repeat(64)), 'application/json'));
    network.set('/models/lm/model.safetensors', resp(new Uint8Array([5])));
    network.set('/lessons/x/', resp('<p>hi</p>', 'text/html'));
    expect((await get('/models/lm/model.safetensors')).status).toBe(200);
    expect(await (await get('/lessons/x/', 'navigate')).text()).toBe('<p>hi</p>');
    network.clear();
    expect((await get('/lessons/x/', 'navigate')).status).toBe(503); // offline and nothing kept: the offline note
  });

  it('adds the isolation headers to responses of a host that sent none', async () => {
    await loadWorker();
    network.set('/lessons/x/', resp('<p>hi</p>', 'text/html'));
    const res = await get('/lessons/x/', 'navigate');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  });

  it('keeps the files a page reports it fetched past the worker, the model under its sha256', async () => {
    await loadWorker();
    const w = new Uint8Array([3, 1, 4]);
    network.set('/models/manifest.json', resp(manifest(sha(w)), 'application/json'));
    network.set('/models/lm/model.safetensors', resp(w));
    network.set('/_next/static/chunks/worker.js', resp('self.x = 1', 'text/javascript'));
    network.set('/ort/ort-wasm-simd-threaded.wasm', resp(new Uint8Array([0, 97, 115, 109])));
    await report(['/models/lm/model.safetensors', '/_next/static/chunks/worker.js', '/ort/ort-wasm-simd-threaded.wasm', '/not-ours/../x']);
    expect([...caches.get('llm-lab-models')!.store.keys()]).toEqual([`${O}/__llm-lab-model__/${sha(w)}`]);
    expect(caches.get('llm-lab-shell-b1')!.store.has(`${O}/_next/static/chunks/worker.js`)).toBe(true);
    expect(caches.get('llm-lab-ort-1.30.0')!.store.has(`${O}/ort/ort-wasm-simd-threaded.wasm`)).toBe(true);
    netCalls = [];
    await report(['/models/lm/model.safetensors', '/_next/static/chunks/worker.js', '/ort/ort-wasm-simd-threaded.wasm']);
    expect(netCalls.filter((p) => p !== '/models/manifest.json')).toEqual([]); // kept already: nothing fetched again
  });

  it('a file reported while the worker is still keeping its download is not fetched a second time', async () => {
    await loadWorker();
    const w = new Uint8Array([2, 7, 1, 8]);
    network.set('/models/manifest.json', resp(manifest(sha(w)), 'application/json'));
    network.set('/models/lm/model.safetensors', resp(w));
    network.set('/ort/ort-wasm-simd-threaded.mjs', resp('export default 1', 'text/javascript'));
    await get('/models/manifest.json');
    const waits: Promise<unknown>[] = [];
    const fetchNoWait = async (path: string) => {
      let responded: Promise<Response> | undefined;
      handlers.fetch({ request: { url: O + path, method: 'GET', mode: 'cors', headers: new Headers() }, respondWith: (p: Promise<Response>) => (responded = p), waitUntil: (p: Promise<unknown>) => waits.push(p) });
      await (await responded!).arrayBuffer(); // the page has its bytes; the worker's copy may still be on its way
    };
    await fetchNoWait('/models/lm/model.safetensors');
    await fetchNoWait('/ort/ort-wasm-simd-threaded.mjs');
    await report(['/models/lm/model.safetensors', '/ort/ort-wasm-simd-threaded.mjs']); // before those copies are written
    for (let i = 0; i < waits.length; i++) await waits[i];
    expect(netCalls.filter((p) => p === '/models/lm/model.safetensors')).toHaveLength(1);
    expect(netCalls.filter((p) => p === '/ort/ort-wasm-simd-threaded.mjs')).toHaveLength(1);
    expect(caches.get('llm-lab-models')!.store.size).toBe(1);
  });

  it("serves ORT's modules from the network while online (so they match the wasm the browser fetches), the kept copy offline", async () => {
    await loadWorker();
    network.set('/ort/ort.wasm.min.mjs', resp('export const v = 1', 'text/javascript'));
    expect(await (await get('/ort/ort.wasm.min.mjs')).text()).toBe('export const v = 1');
    network.set('/ort/ort.wasm.min.mjs', resp('export const v = 2', 'text/javascript')); // a new release on the server
    expect(await (await get('/ort/ort.wasm.min.mjs')).text()).toBe('export const v = 2');
    network.clear();
    expect(await (await get('/ort/ort.wasm.min.mjs')).text()).toBe('export const v = 2');
  });

  it("leaves ORT's wasm to the browser (V8 keeps its compiled code only then), yet keeps it when the model worker reports it", async () => {
    await loadWorker();
    network.set('/ort/ort-wasm-simd-threaded.wasm', resp(new Uint8Array([0, 97, 115, 109])));
    let answered = false;
    handlers.fetch({ request: { url: `${O}/ort/ort-wasm-simd-threaded.wasm`, method: 'GET', mode: 'cors', headers: new Headers() }, respondWith: () => (answered = true), waitUntil: () => {} });
    expect(answered).toBe(false);
    expect(netCalls).toEqual([]);
    await report(['/ort/ort-wasm-simd-threaded.wasm']);
    const kept = caches.get('llm-lab-ort-1.30.0')!.store.get(`${O}/ort/ort-wasm-simd-threaded.wasm`)!.body;
    expect([...new Uint8Array(kept)]).toEqual([0, 97, 115, 109]);
  });

  it('a page visited online is served from the cache offline', async () => {
    await loadWorker();
    network.set('/lessons/x/', resp('<p>v1</p>', 'text/html'));
    await get('/lessons/x/', 'navigate');
    network.clear();
    expect(await (await get('/lessons/x/', 'navigate')).text()).toBe('<p>v1</p>');
  });
});

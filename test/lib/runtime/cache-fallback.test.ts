import { describe, expect, it } from 'vitest';
import { isOrtWasm, keptOrtFiles, withCacheFallback } from '@/lib/runtime/cache-fallback';

const WASM = 'https://lab.example/ort/ort-wasm-simd-threaded.wasm';
const kept = () => new Response(new Uint8Array([0, 97, 115, 109]), { status: 200, headers: { 'content-type': 'application/wasm' } });
const store = (entries: Record<string, () => Response>) => ({ match: async (u: string) => entries[u]?.() });
const offline = async (): Promise<Response> => {
  throw new TypeError('Failed to fetch');
};
const bytes = async (r: Response) => [...new Uint8Array(await r.arrayBuffer())];

describe("the model worker's fetch for ORT's wasm", () => {
  it("recognises ORT's self-hosted .wasm files and nothing else", () => {
    expect(isOrtWasm(WASM)).toBe(true);
    expect(isOrtWasm('/repo/ort/ort-wasm-simd-threaded.asyncify.wasm?v=2')).toBe(true);
    expect(isOrtWasm('/ort/ort.wasm.min.mjs')).toBe(false);
    expect(isOrtWasm('/models/lm/model.safetensors')).toBe(false);
    expect(isOrtWasm('/ort/sub/x.wasm')).toBe(false);
  });

  it('answers from the network when it can, without looking in Cache Storage', async () => {
    let looked = false;
    const f = withCacheFallback(async () => new Response('net', { status: 200 }), () => ({ match: async () => ((looked = true), kept()) }));
    expect(await (await f(WASM)).text()).toBe('net');
    expect(looked).toBe(false);
  });

  it('answers with the kept copy when the network fails or answers with an error', async () => {
    expect(await bytes(await withCacheFallback(offline, () => store({ [WASM]: kept }))(WASM))).toEqual([0, 97, 115, 109]);
    const portal = async () => new Response('captive portal', { status: 503 });
    expect(await bytes(await withCacheFallback(portal, () => store({ [WASM]: kept }))(new Request(WASM)))).toEqual([0, 97, 115, 109]);
  });

  it("gives the network's own error or response when nothing is kept or there is no Cache Storage", async () => {
    await expect(withCacheFallback(offline, () => store({}))(WASM)).rejects.toThrow('Failed to fetch');
    await expect(withCacheFallback(offline, () => undefined)(WASM)).rejects.toThrow('Failed to fetch');
    const broken = { match: async () => { throw new DOMException('storage gone'); } };
    await expect(withCacheFallback(offline, () => broken)(WASM)).rejects.toThrow('Failed to fetch');
    const r = await withCacheFallback(async () => new Response('gone', { status: 404 }), () => store({}))(WASM);
    expect(r.status).toBe(404);
  });

  it('never touches other requests: their failures stay failures', async () => {
    await expect(withCacheFallback(offline, () => store({ 'https://lab.example/models/lm/model.safetensors': kept }))('https://lab.example/models/lm/model.safetensors')).rejects.toThrow('Failed to fetch');
  });

  it('gives up on a network that sends nothing once it has stalled, aborting that request, when a copy is kept', async () => {
    let signal: AbortSignal | undefined;
    const silent = (_: RequestInfo | URL, init?: RequestInit) => {
      signal = init?.signal ?? undefined;
      return new Promise<Response>(() => {});
    };
    let stalled!: () => void;
    const stall = () => ({ wait: new Promise<void>((r) => (stalled = r)), cancel: () => {} });
    const kepts: string[] = [];
    const answer = withCacheFallback(silent, () => store({ [WASM]: kept }), { stall, onKept: (u) => kepts.push(u) })(WASM);
    stalled();
    expect(await bytes(await answer)).toEqual([0, 97, 115, 109]);
    expect(signal?.aborted).toBe(true);
    expect(kepts).toEqual([WASM]);
  });

  it('keeps waiting for a slow network when nothing is kept, and calls off its timer once the network answers', async () => {
    let answer!: (r: Response) => void;
    const slow = () => new Promise<Response>((r) => (answer = r));
    let cancelled = 0;
    const stall = () => ({ wait: Promise.resolve(), cancel: () => cancelled++ });
    const pending = withCacheFallback(slow, () => store({}), { stall })(WASM);
    await new Promise((r) => setTimeout(r, 0));
    answer(new Response('late', { status: 200 }));
    expect(await (await pending).text()).toBe('late');
    const fast = withCacheFallback(async () => new Response('now'), () => store({ [WASM]: kept }), { stall: () => ({ wait: new Promise<void>(() => {}), cancel: () => cancelled++ }) });
    expect(await (await fast(WASM)).text()).toBe('now');
    expect(cancelled).toBe(2);
  });

  it("an answer its caller aborted stays aborted, whether the signal came in init or on the Request", async () => {
    const abortable = (_: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const never = () => ({ wait: new Promise<void>(() => {}), cancel: () => {} });
    const f = withCacheFallback(abortable, () => store({ [WASM]: kept }), { stall: never });
    const a = new AbortController();
    const viaInit = f(WASM, { signal: a.signal });
    a.abort();
    await expect(viaInit).rejects.toThrow('aborted');
    const b = new AbortController();
    const viaRequest = f(new Request(WASM, { signal: b.signal }));
    b.abort();
    await expect(viaRequest).rejects.toThrow('aborted');
  });

  it("takes a captive portal's HTML page for a failure", async () => {
    const portal = async () => new Response('<html>log in</html>', { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
    expect(await bytes(await withCacheFallback(portal, () => store({ [WASM]: kept }))(WASM))).toEqual([0, 97, 115, 109]);
  });

  it("looks only in the kept files of the ORT release whose JS was imported, never another release's", async () => {
    const cachesOf = (named: Record<string, Record<string, () => Response>>) => ({
      has: async (n: string) => n in named,
      open: async (n: string) => store(named[n]),
    }) as unknown as CacheStorage;
    const both = cachesOf({ 'llm-lab-ort-1.29.0': { [WASM]: () => new Response('old', { status: 200 }) }, 'llm-lab-ort-1.30.0': { [WASM]: kept } });
    expect(await bytes((await keptOrtFiles(both, '1.30.0')!.match(WASM))!)).toEqual([0, 97, 115, 109]);
    expect(await keptOrtFiles(cachesOf({ 'llm-lab-ort-1.29.0': { [WASM]: kept } }), '1.30.0')!.match(WASM)).toBeUndefined();
    expect(keptOrtFiles(both, undefined)).toBeUndefined();
    expect(keptOrtFiles(undefined, '1.30.0')).toBeUndefined();
  });
});

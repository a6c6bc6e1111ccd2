import { describe, expect, it } from 'vitest';
import { fetchWithProgress, type Progress } from '@/lib/runtime';
import { DOWNLOAD_STALL_MS, DownloadStalled, fetchJson, stalledMessage } from '@/lib/runtime/fetch';

function streamed(chunks: number[][], headers: Record<string, string> = {}, status = 200) {
  return async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(c) {
          for (const ch of chunks) c.enqueue(Uint8Array.from(ch));
          c.close();
        },
      }),
      { status, headers },
    );
}

/** A stall the test ends by hand (no clock): each header / chunk wait is one entry; `nth(k)` resolves once wait k exists. */
function manualStall() {
  const waits: { fire: () => void; cancelled: boolean }[] = [];
  const wanted = new Map<number, () => void>();
  const stall = () => {
    const w = { fire: () => {}, cancelled: false };
    waits.push(w);
    wanted.get(waits.length - 1)?.();
    return { wait: new Promise<void>((r) => (w.fire = r)), cancel: () => void (w.cancelled = true) };
  };
  const nth = (k: number) => (waits[k] ? Promise.resolve(waits[k]) : new Promise<void>((r) => wanted.set(k, r)).then(() => waits[k]));
  return { stall, waits, nth };
}

/** A response that sends `first` (if any) and then nothing, recording whether its request was aborted and its body cancelled. */
function hanging(first?: Uint8Array) {
  const seen = { aborted: false, cancelled: false };
  const fetch = async (_u: string, init?: { signal?: AbortSignal }) => {
    init?.signal?.addEventListener('abort', () => (seen.aborted = true));
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        if (first) c.enqueue(first);
      },
      cancel() {
        seen.cancelled = true;
      },
    });
    return new Response(body, { headers: { 'content-length': '4000' } });
  };
  return { fetch, seen };
}

describe('fetchWithProgress', () => {
  it('counts bytes chunk by chunk against Content-Length and returns the whole body', async () => {
    const seen: Progress[] = [];
    const body = await fetchWithProgress('/models/x/w.bin', {
      fetch: streamed([[1, 2, 3], [4, 5], [6]], { 'content-length': '6' }),
      onProgress: (p) => seen.push(p),
    });
    expect(Array.from(body)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen.map((p) => p.loaded)).toEqual([0, 3, 5, 6]);
    expect(seen.every((p) => p.total === 6 && p.file === 'w.bin' && p.phase === 'download')).toBe(true);
  });

  it('leaves total undefined when the server sends no Content-Length', async () => {
    const seen: Progress[] = [];
    await fetchWithProgress('/a', { fetch: streamed([[1]]), onProgress: (p) => seen.push(p) });
    expect(seen.at(-1)).toEqual({ phase: 'download', loaded: 1, file: 'a' });
  });

  it('throws on an HTTP error status', async () => {
    await expect(fetchWithProgress('/missing', { fetch: streamed([], {}, 404) })).rejects.toThrow('download failed: /missing → HTTP 404');
  });

  it('aborts a body that stops after its first bytes and says how far it got', async () => {
    const { fetch, seen } = hanging(new Uint8Array(1500));
    const { stall, waits, nth } = manualStall();
    const loaded: number[] = [];
    const pending = fetchWithProgress('/models/lm/model.safetensors', { fetch, stall, onProgress: (p) => loaded.push(p.loaded) });
    // the headers and the first chunk came in time (their waits were called off); the next read hangs
    (await nth(2)).fire();
    await expect(pending).rejects.toThrow(new DownloadStalled(`download stalled: model.safetensors sent nothing for 30 s after 1,500 bytes. Check the connection and try again.`));
    expect(waits.slice(0, 2).every((w) => w.cancelled)).toBe(true);
    expect(loaded).toEqual([0, 1500]);
    expect(seen).toEqual({ aborted: true, cancelled: true });
  });

  it('tells a server that answered and then sent nothing from one that never answered', async () => {
    const answered = hanging();
    const a = manualStall();
    const pendingA = fetchWithProgress('/a/w.bin', { fetch: answered.fetch, stall: a.stall, stallMs: 8000 });
    (await a.nth(1)).fire();
    await expect(pendingA).rejects.toThrow('download stalled: w.bin answered, then sent nothing for 8 s. Check the connection and try again.');
    expect(answered.seen.aborted).toBe(true);

    let aborted = false;
    const silent = (_u: string, init?: { signal?: AbortSignal }) =>
      new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => ((aborted = true), reject(new DOMException('aborted', 'AbortError')))));
    const b = manualStall();
    const pendingB = fetchWithProgress('/a/w.bin', { fetch: silent, stall: b.stall });
    (await b.nth(0)).fire();
    await expect(pendingB).rejects.toThrow(stalledMessage('/a/w.bin', 'no answer'));
    expect(stalledMessage('/a/w.bin', 'no answer')).toBe(`download stalled: w.bin got no answer for ${DOWNLOAD_STALL_MS / 1000} s. Check the connection and try again.`);
    expect(aborted).toBe(true);
  });

  it('calls off every stall wait of a download that finishes, and lets the stream go when onProgress throws', async () => {
    const { stall, waits } = manualStall();
    await fetchWithProgress('/a', { fetch: streamed([[1], [2]]), stall });
    expect(waits.length).toBe(4); // headers, two chunks, the end
    expect(waits.every((w) => w.cancelled)).toBe(true);
    const { fetch, seen } = hanging(new Uint8Array(3));
    const throwing = fetchWithProgress('/b', { fetch, stall: manualStall().stall, onProgress: (p) => { if (p.loaded > 0) throw new Error('observer broke'); } });
    await expect(throwing).rejects.toThrow('observer broke');
    expect(seen.cancelled).toBe(true);
  });

  it('keeps the caller abort as it was', async () => {
    const caller = new AbortController();
    const abortable = (_u: string, init?: { signal?: AbortSignal }) =>
      new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('the caller left', 'AbortError'))));
    const pending = fetchWithProgress('/b', { fetch: abortable, signal: caller.signal, stall: manualStall().stall });
    caller.abort();
    await expect(pending).rejects.toThrow('the caller left');
  });
});

describe('fetchJson', () => {
  it('parses a JSON file, and gives the status of an HTTP error for the caller to word', async () => {
    const json = async () => new Response('{"a":[1,2]}', { headers: { 'content-type': 'application/json' } });
    expect(await fetchJson('/m/config.json', { fetch: json })).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(await fetchJson('/m/x.json', { fetch: async () => new Response('gone', { status: 410 }) })).toEqual({ ok: false, status: 410 });
    await expect(fetchJson('/m/x.json', { fetch: async () => new Response('<html>') })).rejects.toThrow(SyntaxError);
  });

  it('aborts a JSON file that never answers with the stalled message', async () => {
    const { stall, nth } = manualStall();
    const pending = fetchJson('/models/manifest.json', { fetch: () => new Promise<Response>(() => {}), stall });
    (await nth(0)).fire();
    await expect(pending).rejects.toBeInstanceOf(DownloadStalled);
  });
});

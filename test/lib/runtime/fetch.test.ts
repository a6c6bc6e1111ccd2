import { describe, expect, it, vi } from 'vitest';
import { fetchWithProgress, type Progress } from '@/lib/runtime';
import { DOWNLOAD_STALL_MS, stalledMessage } from '@/lib/runtime/fetch';

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

  /** A stall the test fires by hand (no clock): each header / chunk wait is one entry. */
  function manualStall() {
    const waits: { fire: () => void; cancelled: boolean }[] = [];
    const stall = () => {
      const w = { fire: () => {}, cancelled: false };
      waits.push(w);
      return { wait: new Promise<void>((r) => (w.fire = r)), cancel: () => void (w.cancelled = true) };
    };
    return { stall, waits };
  }

  it('aborts a body that stops after its first bytes and says how far it got', async () => {
    let aborted = false;
    const hanging = async (_u: string, init?: { signal?: AbortSignal }) => {
      init?.signal?.addEventListener('abort', () => (aborted = true));
      return new Response(
        new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new Uint8Array(1500)); // then nothing, for ever
          },
        }),
        { headers: { 'content-length': '4000' } },
      );
    };
    const { stall, waits } = manualStall();
    const seen: number[] = [];
    const pending = fetchWithProgress('/models/lm/model.safetensors', { fetch: hanging, stall, onProgress: (p) => seen.push(p.loaded) });
    // the headers and the first chunk came in time (their waits were called off); the next read hangs
    await vi.waitFor(() => expect(waits.length).toBe(3));
    expect(waits.slice(0, 2).every((w) => w.cancelled)).toBe(true);
    waits[2].fire();
    await expect(pending).rejects.toThrow(`download stalled: model.safetensors sent nothing for ${DOWNLOAD_STALL_MS / 1000} s after 1,500 bytes. Check the connection and try again.`);
    expect(seen).toEqual([0, 1500]);
    expect(aborted).toBe(true);
  });

  it('aborts a request that never sends its headers', async () => {
    let aborted = false;
    const silent = (_u: string, init?: { signal?: AbortSignal }) =>
      new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => ((aborted = true), reject(new DOMException('aborted', 'AbortError')))));
    const { stall, waits } = manualStall();
    const pending = fetchWithProgress('/a/w.bin', { fetch: silent, stall });
    await vi.waitFor(() => expect(waits.length).toBe(1));
    waits[0].fire();
    await expect(pending).rejects.toThrow(stalledMessage('/a/w.bin', 0));
    expect(stalledMessage('/a/w.bin', 0)).toContain('w.bin sent nothing for 30 s before it started');
    expect(aborted).toBe(true);
  });

  it('keeps the caller abort as it was, and calls off every stall wait of a download that finishes', async () => {
    const { stall, waits } = manualStall();
    await fetchWithProgress('/a', { fetch: streamed([[1], [2]]), stall });
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((w) => w.cancelled)).toBe(true);
    const caller = new AbortController();
    const abortable = (_u: string, init?: { signal?: AbortSignal }) =>
      new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('the caller left', 'AbortError'))));
    const pending = fetchWithProgress('/b', { fetch: abortable, signal: caller.signal, stall: manualStall().stall });
    caller.abort();
    await expect(pending).rejects.toThrow('the caller left');
  });
});

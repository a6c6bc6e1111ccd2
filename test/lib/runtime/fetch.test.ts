import { describe, expect, it } from 'vitest';
import { fetchWithProgress, type Progress } from '@/lib/runtime';

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
});

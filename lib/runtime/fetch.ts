/**
 * fetch with download progress: reads the body stream chunk by chunk and reports bytes so far
 * (and the total when the server sends Content-Length). Returns the whole body.
 *
 * Example: await fetchWithProgress('/models/tiny/model.safetensors', { onProgress: p => bar(p) })
 */

import type { Progress } from './protocol';

export interface FetchProgressOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** Injected for tests; default globalThis.fetch. */
  fetch?: (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;
}

export async function fetchWithProgress(url: string, opts: FetchProgressOptions = {}): Promise<Uint8Array> {
  const doFetch = opts.fetch ?? ((u: string, init?: { signal?: AbortSignal }) => fetch(u, init));
  const res = await doFetch(url, { signal: opts.signal });
  if (!res.ok) throw new Error(`download failed: ${url} → HTTP ${res.status}`);
  const header = res.headers.get('content-length');
  const total = header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
  const file = url.split('/').pop() ?? url;
  const report = (loaded: number) => opts.onProgress?.({ phase: 'download', loaded, file, ...(total === undefined ? {} : { total }) });
  if (!res.body) {
    const bytes = new Uint8Array(await res.arrayBuffer());
    report(bytes.length);
    return bytes;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  report(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    report(loaded);
  }
  const out = new Uint8Array(loaded);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

/**
 * fetch with download progress: reads the body stream chunk by chunk and reports bytes so far
 * (and the total when the server sends Content-Length). Returns the whole body.
 *
 * A download that goes quiet (no response headers, or no new bytes, for DOWNLOAD_STALL_MS: a
 * connection that is up but has stopped sending) is aborted with a message that says so, instead
 * of leaving the progress bar where it stopped for ever.
 *
 * Example: await fetchWithProgress('/models/tiny/model.safetensors', { onProgress: p => bar(p) })
 */

import type { Progress } from './protocol';
import { timerStall, type Stall } from './stall';

/** How long a download may send nothing (headers or body) before it counts as stalled. */
export const DOWNLOAD_STALL_MS = 30_000;

export interface FetchProgressOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** Injected for tests; default globalThis.fetch. */
  fetch?: (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;
  /** When silence counts as a stall (a fresh wait per header / chunk); default DOWNLOAD_STALL_MS. */
  stall?: Stall;
}

/** The message of a stalled download (the UI shows it as is). */
export function stalledMessage(url: string, loaded: number): string {
  const file = url.split('/').pop() || url;
  const where = loaded > 0 ? `after ${loaded.toLocaleString('en-US')} bytes` : 'before it started';
  return `download stalled: ${file} sent nothing for ${DOWNLOAD_STALL_MS / 1000} s ${where}. Check the connection and try again.`;
}

export async function fetchWithProgress(url: string, opts: FetchProgressOptions = {}): Promise<Uint8Array> {
  const doFetch = opts.fetch ?? ((u: string, init?: { signal?: AbortSignal }) => fetch(u, init));
  const stall = opts.stall ?? timerStall(DOWNLOAD_STALL_MS);
  const ac = new AbortController();
  const signal = opts.signal ? AbortSignal.any([ac.signal, opts.signal]) : ac.signal;
  let loaded = 0;
  /** `step`, or a stalled-download error (and the request aborted) if `stall` comes first. */
  const beforeStall = async <T>(step: Promise<T>): Promise<T> => {
    const timer = stall();
    const STALLED = Symbol('stalled');
    try {
      const first = await Promise.race([step, timer.wait.then(() => STALLED)]);
      if (first !== STALLED) return first as T;
    } finally {
      timer.cancel();
    }
    step.catch(() => {}); // it rejects once aborted: nobody is waiting for it any more
    ac.abort();
    throw new Error(stalledMessage(url, loaded));
  };
  const res = await beforeStall(doFetch(url, { signal }));
  if (!res.ok) throw new Error(`download failed: ${url} → HTTP ${res.status}`);
  const header = res.headers.get('content-length');
  const total = header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
  const file = url.split('/').pop() ?? url;
  const report = (n: number) => opts.onProgress?.({ phase: 'download', loaded: n, file, ...(total === undefined ? {} : { total }) });
  if (!res.body) {
    const bytes = new Uint8Array(await beforeStall(res.arrayBuffer()));
    report(bytes.length);
    return bytes;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  report(0);
  try {
    for (;;) {
      const { done, value } = await beforeStall(reader.read());
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      report(loaded);
    }
  } catch (e) {
    void reader.cancel().catch(() => {});
    throw e;
  }
  const out = new Uint8Array(loaded);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

/**
 * fetch with download progress: reads the body stream chunk by chunk and reports bytes so far
 * (and the total when the server sends Content-Length). Returns the whole body. fetchJson: a small
 * JSON file (a manifest, a config) under the same guard.
 *
 * A download that goes quiet (no response headers, or no new bytes, for DOWNLOAD_STALL_MS: a
 * connection that is up but has stopped sending) is aborted with a DownloadStalled error that
 * says so, instead of leaving the progress bar where it stopped for ever.
 *
 * Example: await fetchWithProgress('/models/tiny/model.safetensors', { onProgress: p => bar(p) })
 */

import type { Progress } from './protocol';
import { raceStall, timerStall, type Stall } from './stall';

/** How long a download may send nothing (headers or body) before it counts as stalled. */
export const DOWNLOAD_STALL_MS = 30_000;

type FetchFn = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

export interface FetchProgressOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** Injected for tests; default globalThis.fetch. */
  fetch?: FetchFn;
  /** Silence (ms) that counts as a stall, and the number the message gives; default DOWNLOAD_STALL_MS. */
  stallMs?: number;
  /** The wait itself, a fresh one per header / chunk (tests inject one they end); default a stallMs timer. */
  stall?: Stall;
}

/** A download that went quiet; its message is meant for the student as is. */
export class DownloadStalled extends Error {
  override name = 'DownloadStalled';
}

/** The last path segment of a URL (the whole URL when it has none). */
const fileOf = (url: string) => url.split('/').pop() || url;

/**
 * The message of a stalled download: `got` is 'no answer' (no response headers) or the bytes of
 * the body received before the silence.
 *   stalledMessage('/m/lm/w.bin', 1500) → 'download stalled: w.bin sent nothing for 30 s after 1,500 bytes. Check …'
 */
export function stalledMessage(url: string, got: 'no answer' | number, ms = DOWNLOAD_STALL_MS): string {
  const s = `${Math.round(ms / 100) / 10} s`;
  const what = got === 'no answer' ? `got no answer for ${s}` : got === 0 ? `answered, then sent nothing for ${s}` : `sent nothing for ${s} after ${got.toLocaleString('en-US')} bytes`;
  return `download stalled: ${fileOf(url)} ${what}. Check the connection and try again.`;
}

/** The request, its headers raced against the stall, and a `guard` for each later read. */
async function stallingFetch(url: string, opts: FetchProgressOptions) {
  const doFetch: FetchFn = opts.fetch ?? ((u, init) => fetch(u, init));
  const ms = opts.stallMs ?? DOWNLOAD_STALL_MS;
  const stall = opts.stall ?? timerStall(ms);
  const ac = new AbortController();
  const signal = opts.signal ? AbortSignal.any([ac.signal, opts.signal]) : ac.signal;
  const guard = <T>(step: Promise<T>, got: 'no answer' | number) => raceStall(step, stall, () => (ac.abort(), new DownloadStalled(stalledMessage(url, got, ms))));
  const res = await guard(doFetch(url, { signal }), 'no answer');
  return { res, guard };
}

export async function fetchWithProgress(url: string, opts: FetchProgressOptions = {}): Promise<Uint8Array> {
  const { res, guard } = await stallingFetch(url, opts);
  if (!res.ok) throw new Error(`download failed: ${url} → HTTP ${res.status}`);
  const header = res.headers.get('content-length');
  const total = header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
  const file = fileOf(url);
  const report = (n: number) => opts.onProgress?.({ phase: 'download', loaded: n, file, ...(total === undefined ? {} : { total }) });
  if (!res.body) {
    const bytes = new Uint8Array(await guard(res.arrayBuffer(), 0));
    report(bytes.length);
    return bytes;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  report(0);
  try {
    for (;;) {
      const { done, value } = await guard(reader.read(), loaded);
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      report(loaded);
    }
  } catch (e) {
    void reader.cancel().catch(() => {}); // a stall, an abort or a failing onProgress: let the stream go
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

/**
 * A small JSON file under the same stall guard: { ok: false, status } for an HTTP error (the
 * caller words it), else the parsed value (a body that is not JSON throws, as Response.json).
 */
export async function fetchJson(url: string, opts: Omit<FetchProgressOptions, 'onProgress'> = {}): Promise<{ ok: true; value: unknown } | { ok: false; status: number }> {
  const { res, guard } = await stallingFetch(url, opts);
  if (!res.ok) {
    void res.body?.cancel().catch(() => {});
    return { ok: false, status: res.status };
  }
  return { ok: true, value: JSON.parse(await guard(res.text(), 0)) };
}

/**
 * Start-up phases as User Timing measures, so a bench (scripts/bench/startup.bench.ts, through
 * Playwright's worker.evaluate) or devtools' Performance panel can see where the time before the
 * first token goes. Nothing reads them in the app; they cost one performance.measure each.
 *
 *   await timed('ort:import:wasm', () => import(url));   // a measure named 'llm-lab:ort:import:wasm'
 *   phases(performance.getEntriesByType('measure'))      // → [{ name: 'ort:import:wasm', start, ms }]
 *
 * Names: 'worker:start' (module evaluated), 'ort:import:<build>', 'weights:kept' (looking up, and on a
 * hit reading, the service worker's kept copy in Cache Storage, ./kept-model.ts), 'weights:fetch'
 * (the download, when nothing was kept), 'weights:verify' (sha256 and parse),
 * 'graph:<variant>' (ONNX bytes built from TS), 'session:<variant>|<backend>' (InferenceSession.create,
 * the first one includes ORT's wasm fetch, compile and instantiate), 'run:<variant>|<backend>' (the
 * first run of each session).
 */

export const MARK_PREFIX = 'llm-lab:';

interface PerfLike {
  now(): number;
  measure?(name: string, opts: { start: number; end: number }): unknown;
}

const perf = (): PerfLike | undefined => (globalThis as { performance?: PerfLike }).performance;

/** Records [start, now] under `name` (no-op where User Timing is missing). */
export function measureSince(name: string, start: number): void {
  const p = perf();
  try {
    p?.measure?.(MARK_PREFIX + name, { start, end: p.now() });
  } catch {
    // an old engine without measure(name, options): timings are diagnostics only
  }
}

/** Runs `fn` and records how long it took (also when it throws). */
export async function timed<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  const t0 = perf()?.now() ?? 0;
  try {
    return await fn();
  } finally {
    measureSince(name, t0);
  }
}

export interface Phase {
  name: string;
  /** ms on the scope's own clock (performance.now()). */
  start: number;
  ms: number;
}

/** Our measures among User Timing entries, in start order, prefix stripped. */
export function phases(entries: readonly { name: string; startTime: number; duration: number }[]): Phase[] {
  return entries
    .filter((e) => e.name.startsWith(MARK_PREFIX))
    .map((e) => ({ name: e.name.slice(MARK_PREFIX.length), start: e.startTime, ms: e.duration }))
    .sort((a, b) => a.start - b.start);
}

/**
 * A wait that can be called off, for "the network has gone quiet": a download (./fetch.ts) or a
 * request for ORT's wasm (./cache-fallback.ts) races its next answer against one. Injected in
 * tests (a wait the test releases), so that no test races a real clock.
 *
 * Example: const t = timerStall(8000)(); await Promise.race([answer, t.wait]); t.cancel()
 */

/** A fresh wait on each call; `cancel` frees its timer. */
export type Stall = () => { wait: Promise<void>; cancel(): void };

/** A Stall of `ms` milliseconds of the real clock. */
export function timerStall(ms: number): Stall {
  return () => {
    let t: ReturnType<typeof setTimeout> | undefined;
    return { wait: new Promise<void>((r) => (t = setTimeout(r, ms))), cancel: () => clearTimeout(t) };
  };
}

/**
 * `step`'s value, unless a fresh `stall()` wait ends first: then `onStall()` runs (abort the
 * request there) and the error it returns is thrown. The wait is called off either way.
 *
 *   await raceStall(reader.read(), timerStall(30_000), () => (ac.abort(), new Error('stalled')))
 */
export async function raceStall<T>(step: Promise<T>, stall: Stall, onStall: () => Error): Promise<T> {
  const timer = stall();
  const STALLED = Symbol('stalled');
  try {
    const first = await Promise.race([step, timer.wait.then(() => STALLED)]);
    if (first !== STALLED) return first as T;
  } finally {
    timer.cancel();
  }
  throw onStall();
}

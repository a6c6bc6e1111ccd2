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

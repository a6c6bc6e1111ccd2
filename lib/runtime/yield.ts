/**
 * Yield to the event loop (a macrotask, not a microtask), so that messages waiting in the
 * worker's queue — e.g. a 'cancel' — are handled between generate steps. A chain of awaits on
 * resolved promises never lets them in. setTimeout(0) would cost ≥4 ms per token once nested,
 * so prefer setImmediate (Node) or a MessageChannel ping.
 * Not scheduler.yield: its continuation is queued AHEAD of other tasks, so in Chromium's worker a
 * waiting 'cancel' message never ran and Stop did nothing (test/e2e/generate.e2e.test.ts).
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as {
    setImmediate?: (fn: () => void) => unknown;
    MessageChannel?: typeof MessageChannel;
  };
  if (typeof g.setImmediate === 'function') return new Promise((r) => g.setImmediate!(r));
  if (g.MessageChannel) {
    const ch = new g.MessageChannel();
    return new Promise((r) => {
      ch.port1.onmessage = () => {
        ch.port1.close();
        r();
      };
      ch.port2.postMessage(null);
    });
  }
  return new Promise((r) => setTimeout(r, 0));
}

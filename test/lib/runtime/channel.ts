/**
 * An in-process stand-in for a Worker: messages cross with structuredClone on a later
 * macrotask, as postMessage does, so the client ↔ host protocol is tested as it runs for real.
 */
import { createHost, Runtime, type ModelProvider, type Request, type Response } from '@/lib/runtime';
import type { WorkerLike } from '@/lib/runtime/client';
import { countingOrt } from './nodeOrt';

export function inProcessWorker(provider: ModelProvider, navigator: object = {}): WorkerLike & { log: (Request | Response)[]; creates: string[] } {
  const listeners: ((e: { data: unknown }) => void)[] = [];
  const log: (Request | Response)[] = [];
  const ort = countingOrt();
  const host = createHost(new Runtime({ provider, ort: ort.load, navigator, calibrationRepeats: 1 }), (msg) => {
    const copy = structuredClone(msg);
    log.push(copy);
    setTimeout(() => listeners.forEach((l) => l({ data: copy })), 0);
  });
  return {
    log,
    /** ORT session creates so far (one entry per session, its execution providers). */
    creates: ort.creates,
    postMessage(msg: Request) {
      const copy = structuredClone(msg);
      log.push(copy);
      setTimeout(() => void host.handle(copy), 0);
    },
    addEventListener(type: string, fn: (e: { data: unknown }) => void) {
      if (type === 'message') listeners.push(fn);
    },
    terminate() {
      listeners.length = 0;
    },
  } as WorkerLike & { log: (Request | Response)[]; creates: string[] };
}

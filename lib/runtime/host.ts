/**
 * The worker side of ./protocol.ts: validates each incoming message, calls the Runtime, and
 * posts progress / token / result / error responses. Pure over `post`, so Node tests drive it
 * without a real Worker. Every request ends with exactly one result or error.
 */

import { isRequest, toWireError, transferables, type Request, type Response, type Results } from './protocol';
import type { Runtime } from './runtime';

export type Post = (msg: Response, transfer?: ArrayBuffer[]) => void;

export interface Host {
  /** Handles one message; resolves once its final response has been posted. */
  handle(msg: unknown): Promise<void>;
  /** Requests still in flight. */
  readonly active: number;
}

export function createHost(runtime: Runtime, post: Post): Host {
  const inFlight = new Map<number, AbortController>();

  const reply = <K extends keyof Results>(id: number, request: K, result: Results[K], transfer?: ArrayBuffer[]) =>
    post({ id, type: 'result', request, result } as Response, transfer);

  async function dispatch(req: Request, signal: AbortSignal): Promise<void> {
    switch (req.type) {
      case 'load': {
        const r = await runtime.load(req.modelId, (progress) => post({ id: req.id, type: 'progress', progress }));
        return reply(req.id, 'load', r);
      }
      case 'run': {
        const r = await runtime.run(req.modelId, req.variant, req.feeds, req.workload, req.backend);
        return reply(req.id, 'run', r, transferables(r.outputs));
      }
      case 'generate': {
        const { modelId, prompt, maxNewTokens, sampler, seed, stopIds } = req;
        const r = await runtime.generate(modelId, { prompt, maxNewTokens, sampler, seed, stopIds }, (token) => post({ id: req.id, type: 'token', token }), signal);
        return reply(req.id, 'generate', r);
      }
      case 'choose':
        return reply(req.id, 'choose', await runtime.choose(req.modelId, req.workload, { measured: req.measured === true }));
      case 'setBackend':
        runtime.setPreference(req.preference);
        return reply(req.id, 'setBackend', { preference: req.preference });
      case 'cancel': {
        const target = inFlight.get(req.target);
        target?.abort();
        return reply(req.id, 'cancel', { cancelled: target !== undefined });
      }
      case 'dispose':
        return reply(req.id, 'dispose', { disposed: req.variant === undefined ? await runtime.dispose(req.modelId) : await runtime.releaseVariant(req.modelId ?? '', req.variant) });
    }
  }

  return {
    async handle(msg: unknown): Promise<void> {
      if (!isRequest(msg)) {
        const id = typeof (msg as { id?: unknown })?.id === 'number' ? (msg as { id: number }).id : -1;
        post({ id, type: 'error', error: { name: 'TypeError', message: 'not a runtime request' } });
        return;
      }
      const ac = new AbortController();
      inFlight.set(msg.id, ac);
      try {
        await dispatch(msg, ac.signal);
      } catch (e) {
        post({ id: msg.id, type: 'error', error: toWireError(e) });
      } finally {
        inFlight.delete(msg.id);
      }
    },
    get active() {
      return inFlight.size;
    },
  };
}

/**
 * The main-thread client of the model worker. UI code imports THIS module (dynamically, when a
 * live widget mounts); it starts the worker, numbers requests, routes progress and token events
 * to callbacks and settles one promise per request.
 *
 *   const client = createModelClient();
 *   await client.load('tiny-random', { onProgress: (p) => setBar(p.loaded / (p.total ?? 1)) });
 *   const r = await client.generate('tiny-random', { prompt: [1, 2], maxNewTokens: 20 }, (t) => show(t.id));
 *   client.dispose();
 */

import type { TokenEvent } from '@/lib/sample';
import {
  fromWireError, isResponse, transferables, type Backend, type BackendChoice, type BackendPreference, type LoadResult,
  type Progress, type Request, type RequestBody, type RequestType, type Response, type Results, type RunResult,
  type WireTensor, type Workload,
} from './protocol';
import { resourcesOf } from './resources';

/** The part of a Worker the client uses (a MessagePort or a fake in tests fits too). */
export interface WorkerLike {
  postMessage(msg: Request, transfer?: ArrayBuffer[]): void;
  addEventListener(type: 'message', fn: (e: { data: unknown }) => void): void;
  addEventListener(type: 'error', fn: (e: { message?: string }) => void): void;
  terminate?(): void;
}

export interface ModelClient {
  load(modelId: string, opts?: { onProgress?: (p: Progress) => void }): Promise<LoadResult>;
  /** transfer: hand the feeds' buffers to the worker instead of copying (they become detached here). */
  run(modelId: string, variant: string, feeds: Record<string, WireTensor>, opts?: { workload?: Workload; backend?: Backend; transfer?: boolean }): Promise<RunResult>;
  generate(
    modelId: string,
    req: RequestBody<'generate'> extends infer B ? Omit<B, 'modelId'> : never,
    onToken?: (t: TokenEvent) => void,
    opts?: { signal?: AbortSignal },
  ): Promise<Results['generate']>;
  /**
   * The backend the runtime would use for a workload, with the badge's reason. Answers at once
   * (WASM, `provisional`, while WebGPU is timed in the background); `measured` waits for the timing.
   */
  choose(modelId: string, workload: Workload, opts?: { measured?: boolean }): Promise<BackendChoice>;
  setBackend(preference: BackendPreference): Promise<void>;
  /** Releases the sessions of one graph variant (e.g. a RoPE-scaled 'logits@yarn:4'); returns how many. */
  releaseVariant(modelId: string, variant: string): Promise<number>;
  /** Releases the worker's sessions and stops the worker; pending calls reject. */
  dispose(): Promise<void>;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  onProgress?: (p: Progress) => void;
  onToken?: (t: TokenEvent) => void;
}

/** Starts ./worker.ts; `base` is the site's base path ('/' or '/repo/'), read by the worker from its name. */
function defaultWorker(base: string): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `model-worker:${base}` }) as unknown as WorkerLike;
}

export interface ModelClientOptions {
  /** A ready worker (tests pass an in-process one); default: a new ./worker.ts. */
  worker?: WorkerLike;
  /** Base path the site is served under; default '/'. */
  base?: string;
  /** Called once when a run or generation reports that WebGPU failed and WASM took over. */
  onFallback?: (note: string) => void;
  /** Called with the URLs a result says the worker fetched since its last report (./resources.ts; the page hands them to its service worker). */
  onResources?: (urls: string[]) => void;
}

export function createModelClient(opts: ModelClientOptions = {}): ModelClient {
  const worker = opts.worker ?? defaultWorker(opts.base ?? '/');
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed: Error | null = null;
  let fellBack = false;

  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };

  let answered = false;
  worker.addEventListener('message', (e) => {
    if (!isResponse(e.data)) return;
    answered = true;
    const msg: Response = e.data;
    const p = pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') p.onProgress?.(msg.progress);
    else if (msg.type === 'token') p.onToken?.(msg.token);
    else {
      pending.delete(msg.id);
      if (msg.type === 'error') p.reject(fromWireError(msg.error));
      else {
        const fetched = resourcesOf(msg.result);
        if (fetched.length > 0) opts.onResources?.(fetched);
        const note = (msg.result as { fallback?: unknown } | null)?.fallback;
        if (typeof note === 'string' && !fellBack) {
          fellBack = true;
          opts.onFallback?.(note);
        }
        p.resolve(msg.result);
      }
    }
  });
  worker.addEventListener('error', (e) => {
    const err = new Error(`model worker crashed: ${e.message ?? (answered ? 'unknown error' : 'it did not start (its script could not be loaded: offline, or the site changed since this page opened)')}`);
    if (!answered) closed = err; // it never ran: every later request would wait forever
    failAll(err);
  });

  function request<K extends RequestType>(type: K, body: RequestBody<K>, hooks: Omit<Pending, 'resolve' | 'reject'> = {}, transfer?: ArrayBuffer[]): { id: number; done: Promise<Results[K]> } {
    const id = nextId++;
    const done = new Promise<Results[K]>((resolve, reject) => {
      if (closed) return reject(closed);
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, ...hooks });
      worker.postMessage({ ...body, id, type } as unknown as Request, transfer);
    });
    return { id, done };
  }

  return {
    load: (modelId, o = {}) => request('load', { modelId }, { onProgress: o.onProgress }).done,
    run: (modelId, variant, feeds, o = {}) => request('run', { modelId, variant, feeds, workload: o.workload, backend: o.backend }, {}, o.transfer ? transferables(feeds) : undefined).done,
    generate(modelId, req, onToken, o = {}) {
      const { id, done } = request('generate', { ...req, modelId }, { onToken });
      if (o.signal) {
        const cancel = () => void request('cancel', { target: id }).done.catch(() => {});
        if (o.signal.aborted) cancel();
        else o.signal.addEventListener('abort', cancel, { once: true });
      }
      return done;
    },
    choose: (modelId, workload, o = {}) => request('choose', { modelId, workload, ...(o.measured ? { measured: true } : {}) }).done,
    setBackend: async (preference) => {
      await request('setBackend', { preference }).done;
    },
    releaseVariant: async (modelId, variant) => (await request('dispose', { modelId, variant }).done).disposed,
    async dispose() {
      if (closed) return;
      try {
        await request('dispose', {}).done;
      } finally {
        closed = new Error('model client disposed');
        failAll(closed);
        worker.terminate?.();
      }
    },
  };
}

/**
 * Session cache: one InferenceSession per (model, variant, backend), created on first use and
 * kept until disposed. Every create and run goes through one TaskQueue, so calls never overlap
 * (ORT rejects concurrent runs on a session, and one thread gains nothing from interleaving).
 *
 * Example key: "tiny-random|kv-decode|wasm".
 *
 * State outputs: a WebGPU session is created with `onGpu`, outputs (a KV cache's present.*)
 * that ORT leaves as GPU buffers (preferredOutputLocation 'gpu-buffer'). runFeeds
 * returns those the caller asks to `keep` as DeviceTensors (./device-tensor.ts) and downloads
 * the rest, so run() still answers WireTensors only.
 */

import { encodeModel } from '@/lib/onnx';
import { measureSince, timed } from './marks';
import type { OrtModule, OrtSession } from './ort';
import { fromOrtTensor, toOrtTensor } from './ort';
import type { Backend, WireTensor } from './protocol';
import { onDevice, type Feed } from './device-tensor';
import type { TaskQueue } from './queue';

export interface SessionKey {
  model: string;
  variant: string;
  backend: Backend;
}

export const sessionKey = (k: SessionKey): string => `${k.model}|${k.variant}|${k.backend}`;

/** Where graph bytes come from when a session must be created. */
export type GraphSource = () => Uint8Array | Promise<Uint8Array>;

export class SessionCache {
  private sessions = new Map<string, Promise<OrtSession>>();
  /** Keys whose first run has been timed (lib/runtime/marks.ts). */
  private ran = new Set<string>();

  /** `ort(backend)`: the ORT module that creates and runs that backend's sessions (./ort.ts loadOrtFor). */
  constructor(
    private readonly ort: (backend: Backend) => Promise<OrtModule>,
    private readonly queue: TaskQueue,
  ) {}

  /**
   * Starts a backend's ORT engine ahead of the first real session (queued, once per backend): its
   * module import and, through one throw-away one-node session, the wasm fetch, compile and
   * instantiation and the thread pool. Called while a model's weights download, so that work is
   * off the path to the first token. A failure is ignored (the real session reports it).
   */
  prepare(backend: Backend): Promise<void> {
    let p = this.prepared.get(backend);
    if (!p) {
      p = this.queue.run(async () => {
        const ort = await this.ort(backend);
        await timed(`ort:init:${backend}`, async () => {
          const s = await ort.InferenceSession.create(identityOnnx(), { executionProviders: [backend], logSeverityLevel: 3 });
          await s.release();
        });
      }).catch(() => {});
      this.prepared.set(backend, p);
    }
    return p;
  }

  private prepared = new Map<Backend, Promise<void>>();

  has(key: SessionKey): boolean {
    return this.sessions.has(sessionKey(key));
  }

  get size(): number {
    return this.sessions.size;
  }

  /** The session for `key`, created (queued) from `source` the first time (on WebGPU leaving `onGpu` outputs on the GPU). */
  get(key: SessionKey, source: GraphSource, onGpu: readonly string[] = []): Promise<OrtSession> {
    const k = sessionKey(key);
    let s = this.sessions.get(k);
    if (!s) {
      const name = `${key.variant}|${key.backend}`;
      s = this.queue.run(async () => {
        const ort = await this.ort(key.backend);
        const bytes = await timed(`graph:${key.variant}`, source);
        // logSeverityLevel 3 = errors only: ORT's node-placement warnings would otherwise land on
        // console.error ("Some nodes were not assigned to the preferred execution providers")
        const where = key.backend === 'webgpu' && onGpu.length ? { preferredOutputLocation: Object.fromEntries(onGpu.map((n) => [n, 'gpu-buffer' as const])) } : {};
        return timed(`session:${name}`, () => ort.InferenceSession.create(bytes, { executionProviders: [key.backend], graphOptimizationLevel: 'all', logSeverityLevel: 3, ...where }));
      });
      this.sessions.set(k, s);
      const created = s;
      created.catch(() => {
        if (this.sessions.get(k) === created) this.sessions.delete(k); // a failed create is not cached
      });
    }
    return s;
  }

  /** Runs the session for `key` on `feeds` (queued); outputs come back as WireTensors. */
  async run(key: SessionKey, source: GraphSource, feeds: Record<string, Feed>): Promise<Record<string, WireTensor>> {
    return (await this.runFeeds(key, source, feeds)) as Record<string, WireTensor>;
  }

  /**
   * Runs the session for `key` on `feeds` (queued). A DeviceTensor input of the same backend goes
   * in as is, of another backend is downloaded first. Outputs named in `keep` that the session
   * left on the device come back as DeviceTensors (the caller disposes them); all others on the CPU.
   */
  async runFeeds(key: SessionKey, source: GraphSource, feeds: Record<string, Feed>, keep: readonly string[] = [], onGpu: readonly string[] = keep): Promise<Record<string, Feed>> {
    const session = await this.get(key, source, onGpu);
    const k = sessionKey(key);
    return this.queue.run(async () => {
      const t0 = performance.now();
      const ort = await this.ort(key.backend);
      const inputs: Record<string, ReturnType<typeof toOrtTensor>> = {};
      for (const [name, t] of Object.entries(feeds)) {
        if (onDevice(t) && t.backend === key.backend) inputs[name] = t.device;
        else if (onDevice(t)) inputs[name] = new ort.Tensor(t.dtype, (await t.device.getData()) as never, t.dims);
        else inputs[name] = toOrtTensor(ort, t);
      }
      const out = await session.run(inputs);
      const result: Record<string, Feed> = {};
      for (const [name, t] of Object.entries(out)) {
        if (t.location === 'gpu-buffer' && keep.includes(name)) {
          result[name] = { dtype: t.type as WireTensor['dtype'], dims: [...t.dims], device: t, backend: key.backend };
          continue;
        }
        result[name] = t.location === 'gpu-buffer' ? { dtype: t.type as WireTensor['dtype'], dims: [...t.dims], data: (await t.getData()) as WireTensor['data'] } : fromOrtTensor(t);
        t.dispose();
      }
      if (!this.ran.has(k)) {
        this.ran.add(k);
        measureSince(`run:${key.variant}|${key.backend}`, t0);
      }
      return result;
    });
  }

  /** Releases the sessions whose key matches (all by default); returns how many. */
  async dispose(match: (key: string) => boolean = () => true): Promise<number> {
    const doomed = [...this.sessions.entries()].filter(([k]) => match(k));
    for (const [k] of doomed) {
      this.sessions.delete(k);
      this.ran.delete(k);
    }
    await Promise.all(
      doomed.map(([, s]) => this.queue.run(async () => {
        try {
          await (await s).release();
        } catch {
          // a session that failed to create has nothing to release
        }
      })),
    );
    return doomed.length;
  }
}

/** The smallest model: y = Identity(x), x float32 [1]. */
let identity: Uint8Array | null = null;
function identityOnnx(): Uint8Array {
  identity ??= encodeModel({
    name: 'warm-up',
    initializers: [],
    inputs: [{ name: 'x', dtype: 'float32', dims: [1] }],
    outputs: [{ name: 'y', dtype: 'float32', dims: [1] }],
    nodes: [{ opType: 'Identity', inputs: ['x'], outputs: ['y'] }],
  });
  return identity;
}

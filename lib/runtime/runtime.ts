/**
 * The runtime: loads models through a provider, picks a backend per workload (user override →
 * WebGPU availability → calibration), runs graph variants through the session cache, and runs
 * `generate` over a model's step function. One instance lives in the model worker (./host.ts);
 * Node tests create their own with injected fakes.
 */

import { mulberry32 } from '@/lib/tensor';
import { generate, type GenerateResult, type SamplerOptions, type TokenEvent } from '@/lib/sample';
import { applyPreference, probeWebGpu, type GpuNavigator, type WebGpuProbe } from './backend';
import { calibrateWorkload } from './calibrate';
import { decisionKey, memoryStore, type DecisionStore } from './decisions';
import type { LoadedModel, ModelProvider } from './model';
import { loadOrt, type OrtModule } from './ort';
import type { Backend, BackendChoice, BackendPreference, LoadResult, Progress, RunResult, WireTensor, Workload } from './protocol';
import { createQueue } from './queue';
import { SessionCache } from './sessions';
import { yieldToEventLoop } from './yield';

export interface RuntimeOptions {
  provider: ModelProvider;
  /** Defaults to lib/runtime/ort.ts's lazy loader. */
  ort?: () => Promise<OrtModule>;
  /** Where navigator.gpu is read from (default: globalThis.navigator). */
  navigator?: GpuNavigator;
  now?: () => number;
  /** Timed runs per backend and workload during calibration (after one warm-up). */
  calibrationRepeats?: number;
  /** Remembers calibrated choices across sessions (default: memory only). */
  store?: DecisionStore;
  /**
   * Families of derived models to cap: id prefix → how many of them stay loaded. Loading one
   * more disposes the least recently loaded or run of that family (its weights, sessions and
   * decisions); a later load rebuilds it. Default: no cap.
   */
  keepLast?: Readonly<Record<string, number>>;
}

/** Added to a remembered choice's reason. */
export const REMEMBERED = ' (measured earlier on this device)';

export interface GenerateRequest {
  prompt: number[];
  maxNewTokens: number;
  sampler?: SamplerOptions;
  seed?: number;
  stopIds?: number[];
}

export class Runtime {
  private readonly models = new Map<string, Promise<LoadedModel>>();
  /** Calibrated choices by "model|workload", each measured the first time it is needed. */
  private readonly decisions = new Map<string, Promise<BackendChoice>>();
  private readonly sessions: SessionCache;
  private readonly now: () => number;
  private probed: Promise<WebGpuProbe> | null = null;
  private preference: BackendPreference = 'auto';
  private readonly store: DecisionStore;

  constructor(private readonly opts: RuntimeOptions) {
    this.sessions = new SessionCache(opts.ort ?? loadOrt, createQueue());
    this.now = opts.now ?? (() => performance.now());
    this.store = opts.store ?? memoryStore();
  }

  /** Loads (once) and describes a model. */
  async load(modelId: string, onProgress: (p: Progress) => void = () => {}): Promise<LoadResult> {
    let m = this.models.get(modelId);
    if (m) this.touch(modelId);
    else {
      m = this.opts.provider(modelId, onProgress);
      const loading = m;
      this.models.set(modelId, loading);
      loading.catch(() => {
        if (this.models.get(modelId) === loading) this.models.delete(modelId); // let a later load retry
      });
      this.evict(modelId);
    }
    const [model, gpu] = await Promise.all([m, this.probe()]);
    return {
      modelId,
      info: model.info,
      backends: gpu.available ? ['wasm', 'webgpu'] : ['wasm'],
      ...(gpu.available ? {} : { webgpuReason: gpu.reason }),
    };
  }

  private model(modelId: string): Promise<LoadedModel> {
    const m = this.models.get(modelId);
    if (!m) throw new Error(`model "${modelId}" is not loaded (call load first)`);
    this.touch(modelId);
    return m;
  }

  /** Moves a model to the most recently used end of the (insertion-ordered) map. */
  private touch(modelId: string): void {
    const m = this.models.get(modelId);
    if (!m || !this.capOf(modelId)) return;
    this.models.delete(modelId);
    this.models.set(modelId, m);
  }

  private capOf(modelId: string): { prefix: string; keep: number } | null {
    for (const [prefix, keep] of Object.entries(this.opts.keepLast ?? {})) if (modelId.startsWith(prefix)) return { prefix, keep };
    return null;
  }

  /** Disposes the least recently used models of `modelId`'s capped family beyond its cap. */
  private evict(modelId: string): void {
    const cap = this.capOf(modelId);
    if (!cap) return;
    const family = [...this.models.keys()].filter((k) => k.startsWith(cap.prefix));
    for (const old of family.slice(0, Math.max(0, family.length - Math.max(1, cap.keep)))) void this.dispose(old);
  }

  /** Ids of the loaded models (least recently used first within a capped family). */
  loadedModels(): string[] {
    return [...this.models.keys()];
  }

  probe(): Promise<WebGpuProbe> {
    this.probed ??= probeWebGpu(this.opts.navigator ?? (globalThis as { navigator?: GpuNavigator }).navigator);
    return this.probed;
  }

  setPreference(p: BackendPreference): void {
    this.preference = p;
  }

  /** The backend for a workload on a model, with the reason for the badge. */
  async choose(modelId: string, workload: Workload): Promise<BackendChoice> {
    const gpu = await this.probe();
    const forced = applyPreference(this.preference, gpu, workload);
    if (forced) return forced;
    if (!gpu.available) return { backend: 'wasm', workload, reason: gpu.reason };
    const model = await this.model(modelId);
    if (!model.calibration) {
      return workload === 'prefill'
        ? { backend: 'webgpu', workload, reason: 'WebGPU chosen: default for prefill (not measured)' }
        : { backend: 'wasm', workload, reason: 'WASM chosen: default for one-token decode (not measured)' };
    }
    const key = `${modelId}|${workload}`;
    let d = this.decisions.get(key);
    if (!d) {
      const plan = model.calibration();
      const run = (backend: Backend, variant: string, feeds: Record<string, WireTensor>) =>
        this.sessions.run({ model: modelId, variant, backend }, () => model.graph(variant), feeds);
      const stored = decisionKey(modelId, workload, gpu.reason);
      d = (async () => {
        const earlier = await this.store.get(stored);
        if (earlier) return { ...earlier, reason: earlier.reason + REMEMBERED };
        const c = await calibrateWorkload(workload, plan, run, this.now, this.opts.calibrationRepeats ?? 3);
        // remember real comparisons only: a WebGPU failure may be passing (device lost, …)
        if (c.timings?.webgpu !== undefined) await this.store.set(stored, c);
        return c;
      })();
      const deciding = d;
      this.decisions.set(key, deciding);
      deciding.catch(() => {
        if (this.decisions.get(key) === deciding) this.decisions.delete(key);
      });
    }
    return d;
  }

  /**
   * Runs one graph variant on the chosen (or given) backend. When the runtime chose WebGPU and
   * the run fails (a lost device, a driver reset), it runs again on WASM; if that succeeds, WebGPU
   * is switched off for the rest of the session (sessions released, choices forgotten) and the
   * result carries a `fallback` note for the page. A caller that names a backend gets its errors.
   */
  async run(modelId: string, variant: string, feeds: Record<string, WireTensor>, workload: Workload = 'prefill', backend?: Backend): Promise<RunResult> {
    const model = await this.model(modelId);
    const b = backend ?? (await this.choose(modelId, workload)).backend;
    const t0 = this.now();
    try {
      const outputs = await this.sessions.run({ model: modelId, variant, backend: b }, () => model.graph(variant), feeds);
      return { outputs, backend: b, ms: this.now() - t0 };
    } catch (e) {
      if (backend !== undefined || b !== 'webgpu') throw e;
      const outputs = await this.sessions.run({ model: modelId, variant, backend: 'wasm' }, () => model.graph(variant), feeds).catch(() => {
        throw e; // WASM fails too: the problem is not WebGPU's
      });
      const fallback = `WebGPU stopped working (${e instanceof Error ? e.message : String(e)}); switched to WASM for this page`;
      await this.disableWebGpu(fallback);
      return { outputs, backend: 'wasm', ms: this.now() - t0, fallback };
    }
  }

  /** After a WebGPU failure: every later choice is WASM, with `reason`; WebGPU sessions are released. */
  private async disableWebGpu(reason: string): Promise<void> {
    this.probed = Promise.resolve({ available: false, reason });
    this.decisions.clear();
    this.fallbackNote = reason;
    await this.sessions.dispose((k) => k.endsWith('|webgpu'));
  }

  /** The note of a WebGPU → WASM switch, once one happened. */
  fallbackNote: string | null = null;

  /** Autoregressive generation through the model's step function. */
  async generate(modelId: string, req: GenerateRequest, onToken?: (e: TokenEvent) => void, signal?: AbortSignal): Promise<GenerateResult & { backends: Backend[]; fallback?: string }> {
    const model = await this.model(modelId);
    if (!model.stepper) throw new Error(`model "${modelId}" cannot generate (no step function)`);
    const used = new Set<Backend>();
    let fallback: string | undefined;
    const stepper = model.stepper(async (variant, feeds, workload) => {
      const r = await this.run(modelId, variant, feeds, workload);
      used.add(r.backend);
      fallback ??= r.fallback;
      return r.outputs;
    });
    const sampler = req.sampler ?? { temperature: 0 };
    const result = await generate(
      {
        // yield first, so a 'cancel' message can land between tokens
        nextLogits: async (ids, cache) => {
          await yieldToEventLoop();
          return stepper.nextLogits(ids, cache);
        },
        cache: stepper.newCache(),
        prompt: req.prompt,
        maxNewTokens: req.maxNewTokens,
        sampler,
        rng: mulberry32(req.seed ?? 0),
        stopIds: req.stopIds,
        contextLength: model.contextLength,
        signal,
      },
      onToken,
    );
    return { ...result, backends: [...used].sort(), ...(fallback ? { fallback } : {}) };
  }

  /** Releases the sessions of one graph variant of a model (every backend); the model stays loaded. */
  releaseVariant(modelId: string, variant: string): Promise<number> {
    return this.sessions.dispose((k) => k.startsWith(`${modelId}|${variant}|`));
  }

  /** Releases sessions (and forgets decisions) of one model, or of all. */
  async dispose(modelId?: string): Promise<number> {
    const match = modelId === undefined ? () => true : (k: string) => k.startsWith(`${modelId}|`);
    if (modelId === undefined) this.models.clear();
    else this.models.delete(modelId);
    for (const k of [...this.decisions.keys()]) if (match(k)) this.decisions.delete(k);
    return this.sessions.dispose(match);
  }
}

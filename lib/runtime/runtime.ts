/**
 * The runtime: loads models through a provider, picks a backend per workload (user override →
 * WebGPU availability → calibration), runs graph variants through the session cache, and runs
 * `generate` over a model's step function. One instance lives in the model worker (./host.ts);
 * Node tests create their own with injected fakes.
 *
 * Calibration never stands in front of a result: the first choose() for a model starts it in the
 * background and answers WASM for now (a provisional choice). Each calibration run waits until
 * the runtime has been idle for `idleMs` (no load, run or generate in flight), so it fills the
 * gaps between the student's runs; once measured (or remembered from an earlier visit) the faster
 * backend is used from the next run on. A WebGPU choice takes effect per graph variant once its
 * WebGPU session has run once (shaders compile in an idle-time warm-up run); until then, WASM.
 *
 * On WebGPU a model's state outputs (KV cache present.*) stay on the GPU: generate feeds them back
 * (runFeeds `keep`); a model's step decoder (./step-pool.ts) takes WebGPU decode, calibrated so.
 */

import type { TokenEvent } from '@/lib/sample';
import { applyPreference, probeWebGpu, type GpuNavigator, type WebGpuProbe } from './backend';
import { calibrateWorkload } from './calibrate';
import { decisionKey, memoryStore, type DecisionStore } from './decisions';
import type { LoadedModel, ModelProvider } from './model';
import { disposeFeeds, wireFeeds, type Feed } from './device-tensor';
import { loadOrtFor, type OrtModule } from './ort';
import type { Backend, BackendChoice, BackendPreference, GenerateOutcome, LoadResult, Progress, RunResult, WireTensor, Workload } from './protocol';
import { createQueue } from './queue';
import { SessionCache } from './sessions';
import { StepPool, type StepMode } from './step-pool';
import { generateWith, type GenerateRequest } from './generate-run';

export type { GenerateRequest } from './generate-run';
/** RunResult inside the worker: outputs may be DeviceTensors. */
export type FeedResult = Omit<RunResult, 'outputs'> & { outputs: Record<string, Feed> };

export interface RuntimeOptions {
  provider: ModelProvider;
  /** The ORT module for a backend's sessions; defaults to lib/runtime/ort.ts's lazy loader of that backend's build. */
  ort?: (backend: Backend) => Promise<OrtModule>;
  /** Where navigator.gpu is read from (default: globalThis.navigator). */
  navigator?: GpuNavigator;
  now?: () => number;
  /** Timed runs per backend and workload during calibration (after one warm-up). */
  calibrationRepeats?: number;
  /** Remembers calibrated choices across sessions (default: memory only). */
  store?: DecisionStore;
  /** Quiet ms before each background calibration or warm-up run (default IDLE_MS). */
  idleMs?: number;
  /** id prefix → how many of that family stay loaded; one more disposes the least recently used (default: no cap). */
  keepLast?: Readonly<Record<string, number>>;
  /** Keep state outputs (KV caches) on the GPU between WebGPU runs (default true; false: the old read-back path, for benches). */
  deviceState?: boolean;
  /** WebGPU decode through the model's step decoder (default 'bound'; 'captured' adds ORT graph capture; 'off'). */
  stepDecoder?: StepMode;
  /** Start ORT's WASM engine (import, compile, threads) while a model downloads (the worker does; Node tests do not). */
  prepareOrt?: boolean;
}

/** Added to a remembered choice's reason. */
export const REMEMBERED = ' (measured earlier on this device)';
/** The reason of the answer given while WebGPU is still being timed in the background. */
export const PROVISIONAL = 'WASM for now: WebGPU is being timed in the background on this device; later runs use the faster one';
/** Added to a WebGPU choice while its sessions still compile in the background. */
export const WARMING = '; WASM runs until WebGPU has warmed up';
/** Default quiet time before each background run: a click's follow-up requests arrive well within it. */
export const IDLE_MS = 300;

/** Models without a calibration plan: WebGPU for prefill, WASM for decode (the usual outcome). */
function defaultChoice(workload: Workload): BackendChoice {
  return workload === 'prefill'
    ? { backend: 'webgpu', workload, reason: 'WebGPU chosen: default for prefill (not measured)' }
    : { backend: 'wasm', workload, reason: 'WASM chosen: default for one-token decode (not measured)' };
}

export class Runtime {
  private readonly models = new Map<string, Promise<LoadedModel>>();
  /** Calibrated (or remembered) choices by "model|workload", each decided in the background. */
  private readonly decisions = new Map<string, Promise<BackendChoice>>();
  /** The store's answer per "model|workload" (undefined: not measured before). */
  private readonly remembered = new Map<string, Promise<BackendChoice | undefined>>();
  /** Decided choices, for a synchronous look-up on every run. */
  private readonly settled = new Map<string, BackendChoice>();
  /** "model|variant" whose WebGPU session has run once (shaders compiled); and those warming or failed. */
  private readonly warm = new Set<string>();
  private readonly warming = new Set<string>();
  /** load/run/generate calls in flight, when the last one ended, and background runs waiting for quiet. */
  private busy = 0;
  private quietSince = 0;
  /** Background jobs (calibrations, warm-ups) run one after another, so none is timed while another runs. */
  private backgroundTail: Promise<unknown> = Promise.resolve();
  private waiters: (() => void)[] = [];
  private readonly sessions: SessionCache;
  private readonly now: () => number;
  private probed: Promise<WebGpuProbe> | null = null;
  private preference: BackendPreference = 'auto';
  private readonly store: DecisionStore;
  private readonly steps: StepPool;

  constructor(private readonly opts: RuntimeOptions) {
    const queue = createQueue();
    const ort = opts.ort ?? loadOrtFor;
    this.sessions = new SessionCache(ort, queue);
    this.steps = new StepPool(() => ort('webgpu'), queue, opts.stepDecoder ?? 'bound'); // the step decoder is WebGPU's
    this.now = opts.now ?? (() => performance.now());
    this.store = opts.store ?? memoryStore();
  }

  /** Loads (once) and describes a model. */
  async load(modelId: string, onProgress: (p: Progress) => void = () => {}): Promise<LoadResult> {
    return this.busyWhile(() => this.loadNow(modelId, onProgress));
  }

  private async loadNow(modelId: string, onProgress: (p: Progress) => void): Promise<LoadResult> {
    let m = this.models.get(modelId);
    if (m) this.touch(modelId);
    else {
      if (this.opts.prepareOrt) void this.sessions.prepare('wasm'); // every model runs on WASM first
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

  /**
   * The backend for a workload on a model, with the reason for the badge. Never waits for a
   * calibration unless `measured` (benches, the runtime check page): the first call starts it in
   * the background and answers WASM with the PROVISIONAL reason; a choice remembered from an
   * earlier visit is answered at once.
   */
  async choose(modelId: string, workload: Workload, opts: { measured?: boolean } = {}): Promise<BackendChoice> {
    const gpu = await this.probe();
    const forced = applyPreference(this.preference, gpu, workload);
    if (forced) return forced;
    if (!gpu.available) return { backend: 'wasm', workload, reason: gpu.reason };
    const model = await this.model(modelId);
    if (!model.calibration) return defaultChoice(workload);
    const key = `${modelId}|${workload}`;
    const done = this.settled.get(key);
    if (done) return this.withWarmth(modelId, done);
    const deciding = this.decide(modelId, workload, model, gpu);
    const earlier = opts.measured ? await deciding : await this.remembered.get(key);
    return earlier ? this.withWarmth(modelId, earlier) : { backend: 'wasm', workload, reason: PROVISIONAL, provisional: true };
  }

  /** What a run uses now, without starting anything: override, availability, the settled choice, else WASM. */
  private async current(modelId: string, workload: Workload, model: LoadedModel): Promise<Backend> {
    const gpu = await this.probe();
    const forced = applyPreference(this.preference, gpu, workload);
    if (forced) return forced.backend;
    if (!gpu.available) return 'wasm';
    if (!model.calibration) return defaultChoice(workload).backend;
    return this.settled.get(`${modelId}|${workload}`)?.backend ?? 'wasm';
  }

  /** Starts (once) the store look-up and, when nothing is stored, the background calibration. */
  private decide(modelId: string, workload: Workload, model: LoadedModel, gpu: WebGpuProbe): Promise<BackendChoice> {
    const key = `${modelId}|${workload}`;
    const running = this.decisions.get(key);
    if (running) return running;
    const stored = decisionKey(modelId, workload, gpu.reason);
    const earlier = this.store.get(stored).then((e) => (e ? { ...e, reason: e.reason + REMEMBERED } : undefined), () => undefined);
    this.remembered.set(key, earlier);
    const deciding = (async () => {
      const e = await earlier;
      if (e?.backend === 'webgpu' && workload === 'decode') void this.inBackground(async () => (await this.idle(), (await this.steps.lend(modelId, model))?.done())); // remembered: make its step decoder in idle time (no calibration will)
      if (e) return e;
      const keep = model.stateOutputs?.(model.calibration!()[workload].variant) ?? []; // as generate: state stays on the device
      const run = async (backend: Backend, variant: string, feeds: Record<string, WireTensor>) => {
        const lease = workload === 'decode' && backend === 'webgpu' ? await this.steps.lend(modelId, model) : null;
        if (lease) return lease.decoder.stepFeeds(feeds).finally(() => lease.done()); // WebGPU decode = the step decoder
        return this.runOn(modelId, model, variant, backend, feeds, keep).then(disposeFeeds);
      };
      const c = await this.inBackground(() => calibrateWorkload(workload, model.calibration!(), run, this.now, this.opts.calibrationRepeats ?? 3, () => this.idle()));
      // remember real comparisons only: a WebGPU failure may be passing (device lost, …)
      if (c.timings?.webgpu !== undefined) await this.store.set(stored, c);
      return c;
    })();
    this.decisions.set(key, deciding);
    deciding.then(
      (c) => {
        if (this.decisions.get(key) === deciding) this.settled.set(key, c);
      },
      () => {
        if (this.decisions.get(key) !== deciding) return;
        this.decisions.delete(key); // a later choose tries again
        this.remembered.delete(key);
      },
    );
    return deciding;
  }

  /** A WebGPU choice whose sessions have not compiled yet says that WASM runs meanwhile. */
  private withWarmth(modelId: string, c: BackendChoice): BackendChoice {
    if (c.backend !== 'webgpu' || [...this.warm].some((k) => k.startsWith(`${modelId}|`))) return c;
    return { ...c, reason: c.reason + WARMING };
  }

  /** Resolves once no load/run/generate has been in flight for idleMs. */
  private idle(): Promise<void> {
    const ms = this.opts.idleMs ?? IDLE_MS;
    return new Promise((resolve) => {
      const check = () => {
        if (this.busy > 0) return void this.waiters.push(check);
        const wait = this.quietSince + ms - performance.now();
        if (wait <= 0) resolve();
        else setTimeout(check, wait);
      };
      check();
    });
  }

  private inBackground<T>(job: () => Promise<T>): Promise<T> {
    const r = this.backgroundTail.then(job);
    this.backgroundTail = r.catch(() => {});
    return r;
  }

  private async busyWhile<T>(fn: () => Promise<T>): Promise<T> {
    this.busy++;
    try {
      return await fn();
    } finally {
      if (--this.busy === 0) {
        this.quietSince = performance.now();
        const w = this.waiters;
        this.waiters = [];
        for (const f of w) f();
      }
    }
  }

  /** One session run; a WebGPU one marks its variant warm. Outputs in `keep` may stay on the device. */
  private async runOn(modelId: string, model: LoadedModel, variant: string, backend: Backend, feeds: Record<string, Feed>, keep: readonly string[] = []): Promise<Record<string, Feed>> {
    const onGpu = this.opts.deviceState === false ? [] : (model.stateOutputs?.(variant) ?? []);
    const out = await this.sessions.runFeeds({ model: modelId, variant, backend }, () => model.graph(variant), feeds, keep, onGpu);
    if (backend === 'webgpu') this.warm.add(`${modelId}|${variant}`);
    return out;
  }

  /** Compiles a variant's WebGPU session in idle time with one run on `feeds` (once; a failure leaves it on WASM). */
  private warmUp(modelId: string, model: LoadedModel, variant: string, feeds: Record<string, WireTensor>): void {
    const k = `${modelId}|${variant}`;
    if (this.warming.has(k)) return;
    this.warming.add(k);
    void this.inBackground(async () => {
      await this.idle();
      if (this.models.has(modelId) && (await this.probe()).available) disposeFeeds(await this.runOn(modelId, model, variant, 'webgpu', feeds, model.stateOutputs?.(variant)));
    }).catch(() => {}); // stays in `warming`: not retried, the variant keeps running on WASM
  }

  /**
   * Runs one graph variant on the chosen (or given) backend. When the runtime chose WebGPU and
   * the run fails (a lost device, a driver reset), it runs again on WASM; if that succeeds, WebGPU
   * is switched off for the rest of the session (sessions released, choices forgotten) and the
   * result carries a `fallback` note for the page. A caller that names a backend gets its errors.
   */
  run(modelId: string, variant: string, feeds: Record<string, WireTensor>, workload: Workload = 'prefill', backend?: Backend): Promise<RunResult> {
    return this.runFeeds(modelId, variant, feeds, workload, backend) as Promise<RunResult>;
  }

  /** run() inside the worker: feeds may be DeviceTensors; outputs in `keep` may stay on the device (the caller disposes them). */
  runFeeds(modelId: string, variant: string, feeds: Record<string, Feed>, workload: Workload = 'prefill', backend?: Backend, keep: readonly string[] = []): Promise<FeedResult> {
    return this.busyWhile(() => this.runNow(modelId, variant, feeds, workload, backend, keep));
  }

  private async runNow(modelId: string, variant: string, feeds: Record<string, Feed>, workload: Workload, backend: Backend | undefined, keep: readonly string[]): Promise<FeedResult> {
    const model = await this.model(modelId);
    let b = backend ?? (await this.current(modelId, workload, model));
    if (backend === undefined && b === 'webgpu' && this.preference === 'auto' && !this.warm.has(`${modelId}|${variant}`)) {
      // in idle time (on CPU copies: the caller may dispose GPU-held feeds before then); this run goes on WASM
      this.warmUp(modelId, model, variant, await wireFeeds(feeds));
      b = 'wasm';
    }
    const t0 = this.now();
    try {
      const outputs = await this.runOn(modelId, model, variant, b, feeds, keep);
      return { outputs, backend: b, ms: this.now() - t0 };
    } catch (e) {
      if (backend !== undefined || b !== 'webgpu') throw e;
      const outputs = await this.sessions.run({ model: modelId, variant, backend: 'wasm' }, () => model.graph(variant), feeds).catch(() => {
        throw e; // WASM fails too (or a GPU-held input cannot be read back): the problem is not WebGPU's
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
    this.remembered.clear();
    this.settled.clear();
    this.warm.clear();
    this.fallbackNote = reason;
    await this.steps.dispose(() => true);
    await this.sessions.dispose((k) => k.endsWith('|webgpu'));
  }

  fallbackNote: string | null = null; // the note of a WebGPU → WASM switch, once one happened

  /** Autoregressive generation through the model's step function. */
  generate(modelId: string, req: GenerateRequest, onToken?: (e: TokenEvent) => void, signal?: AbortSignal): Promise<GenerateOutcome> {
    return this.busyWhile(() => this.generateNow(modelId, req, onToken, signal));
  }

  private async generateNow(modelId: string, req: GenerateRequest, onToken?: (e: TokenEvent) => void, signal?: AbortSignal): Promise<GenerateOutcome> {
    const model = await this.model(modelId);
    const used = new Set<Backend>();
    let fallback: string | undefined, stepped = 0;
    const keepRun = async (variant: string, feeds: Record<string, Feed>, workload: Workload, keep: readonly string[], backend?: Backend) => {
      const r = await this.runFeeds(modelId, variant, feeds, workload, backend, keep);
      used.add(r.backend);
      fallback ??= r.fallback;
      return r.outputs;
    };
    const result = await generateWith(modelId, model, {
      run: (variant, feeds, workload) => keepRun(variant, feeds, workload, []) as Promise<Record<string, WireTensor>>,
      keepRun,
      lendStep: async () => {
        if ((await this.current(modelId, 'decode', model)) !== 'webgpu' || (this.preference === 'auto' && !this.steps.has(modelId))) return null; // made by calibration, or WebGPU forced
        const lease = await this.steps.lend(modelId, model), d = lease?.decoder;
        if (!lease || !d) return null;
        used.add('webgpu');
        return { done: lease.done, decoder: { load: (p, T) => d.load(p, T), stepFeeds: (f) => d.stepFeeds(f), release: () => d.release(), step: (t, p) => (stepped++, d.step(t, p)) } };
      },
      backendFor: (workload) => this.current(modelId, workload, model),
    }, req, onToken, signal);
    return { ...result, backends: [...used].sort(), ...(fallback ? { fallback } : {}), ...(stepped ? { stepped } : {}) };
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
    for (const map of [this.decisions, this.remembered, this.settled]) for (const k of [...map.keys()]) if (match(k)) map.delete(k);
    for (const set of [this.warm, this.warming]) for (const k of [...set]) if (match(k)) set.delete(k);
    await this.steps.dispose((id) => modelId === undefined || id === modelId);
    return this.sessions.dispose(match);
  }
}

/**
 * The transformer models the worker can load, as LoadedModels for the Runtime:
 *
 *   '<id>'              a shipped model: <modelBase><id>/manifest.json → config + safetensors
 *                       (download with progress, sha256 checked by lib/model/weights.ts)
 *   'random:<preset>'   a preset from lib/model/presets.ts with seeded random weights (benches,
 *                       lab pages): nothing to download
 *
 * Graph variants, built on first use from TS (lib/model/build.ts):
 *   'logits'      ids [1, T] → logits [1, T, V]
 *   'taps'        the same plus every tap as an output (attention probabilities, …)
 *   'kv-prefill'  ids → logits + present.{l}.key/value
 *   'kv-decode'   ids + past.{l}.key/value → logits + present.{l}.key/value
 *   'kv-step'     one token against a fixed-capacity cache → logits + new.{l}.key/value
 *                 (static shapes; lib/model/step-cache.ts, ./gpu-step.ts)
 *   'lens'        ids → logits, the residual-stream taps and the logit lens [L+1, T, V]
 *                 (lib/interp/logit-lens.ts; Transformer blocks only)
 *   '<variant>@<rule>:<s>'  any of these with a RoPE scaling rule (pi | ntk | yarn) at factor s
 *                           (lib/longctx/scaling.ts), e.g. 'logits@yarn:4'
 *   '<variant>@window:<size>:<sinks>'  any of these with a sliding-window attention mask that
 *                           keeps the first <sinks> keys (lib/longctx/bounded-cache.ts)
 * The step function runs 'kv-prefill' on the prompt (workload 'prefill'), then 'kv-decode' one
 * token at a time (workload 'decode'), so each can land on its faster backend. A state-space model
 * (cfg.ssm, lib/model/ssm-lm.ts) uses the same variants with past/present.{l}.conv/ssm states.
 * Given the runtime's keepRun, the step keeps that state where the backend made it: on WebGPU the
 * present.* GPU buffers go straight back in as past.* (./device-tensor.ts); only logits come down.
 */

import { buildTransformerModel, type CacheMode } from '@/lib/model/build';
import { headSize, validateConfig, type TransformerConfig } from '@/lib/model/config';
import type { WeightMap } from '@/lib/model/eager';
import { paramCount, randomWeights } from '@/lib/model/init';
import { pastFeeds } from '@/lib/model/kvcache';
import { ssmPastFeeds } from '@/lib/model/ssm-lm';
import { ssmDims } from '@/lib/model/ssm-shapes';
import { names } from '@/lib/model/names';
import { presets } from '@/lib/model/presets';
import { isSha256Mismatch, loadWeights } from '@/lib/model/weights';
import { fitsInplace } from '@/lib/model/step-cache';
import { parseScaledVariant, withRule } from '@/lib/longctx/scaling';
import { buildLensModel, LENS_VARIANT } from '@/lib/interp/logit-lens';
import { parseWindowVariant, withWindow } from '@/lib/longctx/bounded-cache';
import { familyManifest } from './family-manifest';
import { timed } from './marks';
import { fetchJson, fetchWithProgress } from './fetch';
import { forgetKeptModelFile, keptModelFile, siteRootOf, type CacheStorageLike } from './kept-model';
import { disposeFeeds, onDevice, type Feed } from './device-tensor';
import type { BackendFor, CalibrationPlan, LoadedModel, RunFn, StateRunFn, StepDecoder, StepLender, Stepper } from './model';
import { GpuStepDecoder } from './gpu-step';
import type { OrtModule } from './ort';
import type { Progress, WireTensor } from './protocol';
import { registerModelFamily } from './provider';

export interface Manifest {
  id: string;
  config: string;
  weights: string;
  sha256: string;
  bytes?: number;
  params?: number;
}

/** The seed of 'random:<preset>' weights (fixed, so every page and bench sees the same model). */
export const RANDOM_PRESET_SEED = 1234;
/** Tokens in the calibration prefill (capped by the context length). */
export const CALIBRATION_PREFILL_TOKENS = 128;
/** Cached tokens before the calibration decode step. */
export const CALIBRATION_DECODE_PAST = 64;

/** fused: onnxruntime's contrib kernels (lib/model/build.ts) for generate's graphs: fewer nodes, a quicker session create and decode on WASM too. */
const VARIANTS: Record<string, { cache: CacheMode; taps: boolean; fused?: boolean }> = {
  logits: { cache: 'none', taps: false },
  taps: { cache: 'none', taps: true },
  'kv-prefill': { cache: 'prefill', taps: false, fused: true },
  'kv-decode': { cache: 'decode', taps: false, fused: true },
  'kv-step': { cache: 'step', taps: false, fused: true }, // built as cache 'inplace' where the head size fits (fitsInplace)
};

export const idsTensor = (ids: readonly number[]): WireTensor => ({
  dtype: 'int64', dims: [1, ids.length], data: BigInt64Array.from(ids, (i) => BigInt(i)),
});

/** The logits row of the last position of logits [1, T, V]. */
export function lastLogits(t: WireTensor): Float32Array {
  const [, T, V] = t.dims;
  return (t.data as Float32Array).slice((T - 1) * V, T * V); // [V]
}

interface KvState {
  past: Record<string, Feed> | null;
  seen: number;
  /** The WebGPU step decoder holding this sequence's cache (null: none lent; undefined: not asked yet). */
  lease?: { decoder: StepDecoder; done(): void } | null;
  /** Set once the device state was lost: this sequence then runs on CPU-returned outputs only. */
  recovered?: boolean;
}

/** Can this model decode over a fixed-capacity cache (build.ts cache 'step')? */
export function canStep(cfg: TransformerConfig): boolean {
  return !cfg.ssm && (cfg.attnMask?.kind ?? 'causal') === 'causal' && (cfg.position === 'rope' || cfg.position === 'none');
}

/** Names of the outputs a cached variant hands to the next call: present.{l}.key/value (SSM: conv/ssm). */
export function stateOutputNames(cfg: TransformerConfig): string[] {
  return Array.from({ length: cfg.nLayer }, (_, l) => (cfg.ssm ? [names.presentConv(l), names.presentSsm(l)] : [names.presentKey(l), names.presentValue(l)])).flat();
}

/** 'kv-prefill' / 'kv-decode' (optionally @rule / @window): the variants whose state outputs can stay on the device. */
function isCachedVariant(variant: string): boolean {
  const base = variant.split('@')[0];
  return base === 'kv-prefill' || base === 'kv-decode';
}

/**
 * prefill on the first call, then one decode step per call, carrying present → past. With
 * `keepRun` the present.* outputs stay on the device (disposed when replaced or by dispose). With
 * `lendStep` the first decode step asks for a WebGPU step decoder; if lent, the cache moves into
 * it and every later step of this sequence runs there. With `backendFor` saying the prompt runs on
 * WASM, the prompt goes through 'kv-decode' on an empty cache (the same logits as 'kv-prefill'):
 * one WASM session serves the whole sequence, so no session is made between tokens 1 and 2.
 */
export function kvStepper(cfg: TransformerConfig, run: RunFn, keepRun?: StateRunFn, lendStep?: StepLender, backendFor?: BackendFor): Stepper<KvState> {
  const keep = stateOutputNames(cfg);
  const call = (variant: string, feeds: Record<string, Feed>, workload: 'prefill' | 'decode'): Promise<Record<string, Feed>> =>
    keepRun ? keepRun(variant, feeds, workload, keep) : run(variant, feeds as Record<string, WireTensor>, workload);
  const stepper: Stepper<KvState> = {
    newCache: () => ({ past: null, seen: 0 }),
    async nextLogits(ids, cache) {
      try {
        return await step(ids, cache!);
      } catch (e) {
        const c = cache!;
        if (!holdsDeviceState(c)) throw e;
        // the cache lived on a GPU that failed (a lost device): drop it and prefill the whole
        // sequence again through `run`, whose outputs come back to the CPU and which moves an
        // automatic choice to WASM with a note when WebGPU keeps failing
        try {
          stepper.dispose!(c);
        } catch {
          // buffers of a lost device: nothing left to free
        }
        c.past = null;
        c.lease = undefined;
        c.seen = 0;
        c.recovered = true;
        return step(ids, c);
      }
    },
    dispose(cache) {
      disposeFeeds(cache.past);
      cache.past = null;
      cache.lease?.done();
      cache.lease = undefined;
    },
  } as Stepper<KvState>;
  /** One step of the sequence: prefill on the first call, then decode (see above). */
  async function step(ids: readonly number[], c: KvState): Promise<Float32Array> {
    const fresh = ids.slice(c.seen);
    const callNow = c.recovered ? (variant: string, feeds: Record<string, Feed>, workload: 'prefill' | 'decode') => run(variant, feeds as Record<string, WireTensor>, workload) : call;
    if (c.past && lendStep && !c.recovered && c.lease === undefined && canStep(cfg) && ids.length < cfg.contextLength) {
      c.lease = await lendStep();
      if (c.lease) {
        await c.lease.decoder.load(c.past, c.seen);
        disposeFeeds(c.past);
        c.past = null;
      }
    }
    if (c.lease) {
      let row: Float32Array | null = null;
      for (let i = c.seen; i < ids.length; i++) row = await c.lease.decoder.step(ids[i], i);
      c.seen = ids.length;
      return row!;
    }
    if (cfg.ssm && c.past && fresh.length > 1) {
      // an SSM's decode graph is the one-token recurrence: feed extra tokens one at a time
      let last: Float32Array | null = null;
      for (let i = c.seen; i < ids.length; i++) last = await step(ids.slice(0, i + 1), c);
      return last!;
    }
    const workload = fresh.length > 1 ? 'prefill' : 'decode';
    const oneSession = !c.past && !cfg.ssm && !c.recovered && keepRun && backendFor && (await backendFor(workload)) === 'wasm';
    const out = c.past
      ? await callNow('kv-decode', { [names.ids()]: idsTensor(fresh), ...c.past }, 'decode')
      : oneSession
        ? await keepRun('kv-decode', { [names.ids()]: idsTensor(fresh), ...emptyPast(cfg) }, workload, keep, 'wasm')
        : await callNow('kv-prefill', { [names.ids()]: idsTensor(fresh) }, workload);
    disposeFeeds(c.past); // the old past.* were inputs only: present.* replace them
    c.past = cfg.ssm ? ssmPastFeeds(out, cfg.nLayer) : pastFeeds(out, cfg.nLayer); // SSM: conv + SSM states, not K/V
    c.seen = ids.length;
    return lastLogits(out[names.logits()] as WireTensor);
  }
  return stepper;
}

/** past.{l}.key/value [1, nkv, 0, hs]: an empty cache, so 'kv-decode' runs a prompt as 'kv-prefill' does. */
export function emptyPast(cfg: TransformerConfig): Record<string, WireTensor> {
  const e = (): WireTensor => ({ dtype: 'float32', dims: [1, cfg.nKvHead, 0, headSize(cfg)], data: new Float32Array(0) });
  return Object.fromEntries(Array.from({ length: cfg.nLayer }, (_, l) => [[names.pastKey(l), e()], [names.pastValue(l), e()]]).flat());
}

/** True while the cache holds GPU buffers or a lent step decoder (state a lost device takes with it). */
function holdsDeviceState(c: KvState): boolean {
  return !!c.lease || Object.values(c.past ?? {}).some(onDevice);
}

/** Representative inputs: a prefill of up to 128 tokens; one token after 64 cached ones. */
export function calibrationPlan(cfg: TransformerConfig): CalibrationPlan {
  const T = Math.min(CALIBRATION_PREFILL_TOKENS, cfg.contextLength);
  const P = Math.min(CALIBRATION_DECODE_PAST, cfg.contextLength - 1);
  const ids = Array.from({ length: T }, (_, i) => (i * 7 + 3) % cfg.vocabSize);
  const past: Record<string, WireTensor> = {};
  if (cfg.ssm) {
    // the SSM's state has a fixed size: a decode step costs the same after 64 tokens as after 1
    const { K, Dc, H, P: hp, N } = ssmDims(cfg);
    for (let l = 0; l < cfg.nLayer; l++) {
      past[names.pastConv(l)] = { dtype: 'float32', dims: [1, K - 1, Dc], data: new Float32Array((K - 1) * Dc).fill(0.01) };
      past[names.pastSsm(l)] = { dtype: 'float32', dims: [1, H, hp, N], data: new Float32Array(H * hp * N).fill(0.01) };
    }
    return {
      prefill: { variant: 'kv-prefill', feeds: { [names.ids()]: idsTensor(ids) }, tokens: T },
      decode: { variant: 'kv-decode', feeds: { [names.ids()]: idsTensor([1]), ...past } },
    };
  }
  const kvDims = [1, cfg.nKvHead, P, headSize(cfg)]; // [1, nkv, P, hs]
  const n = kvDims.reduce((a, b) => a * b, 1);
  for (let l = 0; l < cfg.nLayer; l++) {
    past[names.pastKey(l)] = { dtype: 'float32', dims: kvDims, data: new Float32Array(n).fill(0.01) };
    past[names.pastValue(l)] = { dtype: 'float32', dims: kvDims, data: new Float32Array(n).fill(0.01) };
  }
  return {
    prefill: { variant: 'kv-prefill', feeds: { [names.ids()]: idsTensor(ids) }, tokens: T },
    decode: { variant: 'kv-decode', feeds: { [names.ids()]: idsTensor([1]), ...past } },
  };
}

/** A LoadedModel over a config and its weights. */
export function transformerModel(cfg: TransformerConfig, weights: WeightMap, info: Record<string, unknown> = {}): LoadedModel {
  validateConfig(cfg);
  const built = new Map<string, Uint8Array>();
  const model: LoadedModel = {
    info: { config: cfg, params: paramCount(cfg), ...info },
    contextLength: cfg.contextLength,
    graph(variant) {
      if (variant === LENS_VARIANT) {
        let lens = built.get(variant);
        if (!lens) built.set(variant, (lens = buildLensModel(cfg, weights)));
        return lens;
      }
      const scaled = parseScaledVariant(variant);
      const windowed = parseWindowVariant(variant);
      const v = VARIANTS[scaled?.base ?? windowed?.base ?? variant];
      if (!v) throw new Error(`unknown graph variant "${variant}" (have ${Object.keys(VARIANTS).join(', ')}, each optionally @pi|ntk|yarn:<factor> or @window:<size>:<sinks>)`);
      let bytes = built.get(variant);
      if (!bytes) {
        const c = scaled ? withRule(cfg, scaled.kind, scaled.factor) : windowed ? withWindow(cfg, windowed.size, windowed.sinks) : cfg;
        const cache = v.cache === 'step' && fitsInplace(c) ? 'inplace' : v.cache;
        bytes = buildTransformerModel(c, weights, { cache, taps: v.taps, fused: v.fused });
        if (!scaled && !windowed) built.set(variant, bytes); // scaled / windowed graphs: the session keeps what it needs
      }
      return bytes;
    },
    calibration: () => calibrationPlan(cfg),
    stepper: (run, keepRun, lendStep, backendFor) => kvStepper(cfg, run, keepRun, lendStep, backendFor) as Stepper,
    stateOutputs: (variant) => (isCachedVariant(variant) ? stateOutputNames(cfg) : []),
    ...(canStep(cfg) ? { stepDecoder: async (ort: OrtModule, o: { capture: boolean }) => GpuStepDecoder.create(ort, await model.graph('kv-step'), cfg, o) } : {}),
  };
  return model;
}

/** A shipped model's manifest, config and sha256-checked weights, from `base` (e.g. '/models/'). */
export async function fetchModelWeights(modelId: string, base: string, onProgress: (p: Progress) => void): Promise<{ manifest: Manifest; config: TransformerConfig; weights: WeightMap }> {
  const dir = `${base}${modelId}/`;
  const getJson = async <T>(file: string): Promise<T> => {
    const r = await fetchJson(dir + file);
    if (!r.ok) throw new Error(`model "${modelId}": ${dir + file} → HTTP ${r.status}`);
    return r.value as T;
  };
  // the model's entry in the family manifest models/manifest.json, else models/<id>/manifest.json
  const manifest = (await familyManifest(modelId, base)) ?? (await getJson<Manifest>('manifest.json'));
  // the copy the service worker kept under this sha256 (./kept-model.ts), looked up while the config
  // downloads; else the download. Either way the bytes are hashed against the manifest.
  const g = globalThis as { caches?: CacheStorageLike; location?: { href: string } };
  const root = siteRootOf(base, g.location?.href);
  const keptLookup = timed('weights:kept', () => keptModelFile(g.caches, root, manifest.sha256));
  const cfg = validateConfig(await getJson<TransformerConfig>(manifest.config));
  const kept = await keptLookup;
  if (kept) onProgress({ phase: 'download', loaded: kept.length, total: kept.length, file: manifest.weights });
  const download = () => timed('weights:fetch', () => fetchWithProgress(dir + manifest.weights, { onProgress }));
  const verify = async (bytes: Uint8Array) => {
    onProgress({ phase: 'verify', loaded: 0, total: 1, file: manifest.weights });
    const weights = await timed('weights:verify', () => loadWeights(bytes, { fileName: manifest.weights, sha256: manifest.sha256, config: cfg }));
    onProgress({ phase: 'verify', loaded: 1, total: 1, file: manifest.weights });
    return weights;
  };
  if (!kept) return { manifest, config: cfg, weights: await verify(await download()) };
  try {
    return { manifest, config: cfg, weights: await verify(kept) };
  } catch (e) {
    if (!isSha256Mismatch(e)) throw e;
    // a damaged kept copy: forget it (the service worker would serve it again), then download
    await forgetKeptModelFile(g.caches, root, manifest.sha256);
    return { manifest, config: cfg, weights: await verify(await download()) };
  }
}

/** A shipped model as a LoadedModel (see fetchModelWeights). */
export async function fetchTransformer(modelId: string, base: string, onProgress: (p: Progress) => void): Promise<LoadedModel> {
  const { manifest, config, weights } = await fetchModelWeights(modelId, base, onProgress);
  return transformerModel(config, weights, { manifest });
}

/** A preset's config with the fixed-seed random weights of 'random:<preset>'. */
export function randomPresetWeights(preset: string): { config: TransformerConfig; weights: WeightMap } {
  const cfg = (presets as Record<string, TransformerConfig | undefined>)[preset];
  if (!cfg) throw new Error(`unknown preset "${preset}" (have ${Object.keys(presets).join(', ')})`);
  const config = { ...cfg } as TransformerConfig;
  return { config, weights: randomWeights(config, RANDOM_PRESET_SEED) };
}

/** 'random:<preset>' → preset config with seeded random weights. */
export function randomPresetModel(preset: string): LoadedModel {
  const { config, weights } = randomPresetWeights(preset);
  return transformerModel(config, weights, { preset, seed: RANDOM_PRESET_SEED });
}

/** Config + weights of any model id the worker knows ('random:<preset>' or a shipped id). */
export async function modelWeights(modelId: string, base: string, onProgress: (p: Progress) => void = () => {}): Promise<{ config: TransformerConfig; weights: WeightMap }> {
  if (modelId.startsWith('random:')) return randomPresetWeights(modelId.slice('random:'.length));
  return fetchModelWeights(modelId, base, onProgress);
}

/** Registers 'random:*' and every other id as a shipped model under `modelBase`. */
export function registerTransformerModels(modelBase = '/models/'): void {
  registerModelFamily('random:', async (id, onProgress) => {
    onProgress({ phase: 'build', loaded: 0, total: 1 });
    const m = randomPresetModel(id.slice('random:'.length));
    onProgress({ phase: 'build', loaded: 1, total: 1 });
    return m;
  });
  registerModelFamily('', (id, onProgress) => fetchTransformer(id, modelBase, onProgress));
}

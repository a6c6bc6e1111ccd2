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
 *   'lens'        ids → logits, the residual-stream taps and the logit lens [L+1, T, V]
 *                 (lib/interp/logit-lens.ts; Transformer blocks only)
 *   '<variant>@<rule>:<s>'  any of these with a RoPE scaling rule (pi | ntk | yarn) at factor s
 *                           (lib/longctx/scaling.ts), e.g. 'logits@yarn:4'
 *   '<variant>@window:<size>:<sinks>'  any of these with a sliding-window attention mask that
 *                           keeps the first <sinks> keys (lib/longctx/bounded-cache.ts)
 * The step function runs 'kv-prefill' on the prompt (workload 'prefill'), then 'kv-decode' one
 * token at a time (workload 'decode'), so each can land on its faster backend. A state-space model
 * (cfg.ssm, lib/model/ssm-lm.ts) uses the same variants with past/present.{l}.conv/ssm states.
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
import { loadWeights } from '@/lib/model/weights';
import { parseScaledVariant, withRule } from '@/lib/longctx/scaling';
import { buildLensModel, LENS_VARIANT } from '@/lib/interp/logit-lens';
import { parseWindowVariant, withWindow } from '@/lib/longctx/bounded-cache';
import { familyManifest } from './family-manifest';
import { timed } from './marks';
import { fetchWithProgress } from './fetch';
import type { CalibrationPlan, LoadedModel, RunFn, Stepper } from './model';
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

const VARIANTS: Record<string, { cache: CacheMode; taps: boolean }> = {
  logits: { cache: 'none', taps: false },
  taps: { cache: 'none', taps: true },
  'kv-prefill': { cache: 'prefill', taps: false },
  'kv-decode': { cache: 'decode', taps: false },
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
  past: Record<string, WireTensor> | null;
  seen: number;
}

/** prefill on the first call, then one decode step per call, carrying present → past. */
export function kvStepper(cfg: TransformerConfig, run: RunFn): Stepper<KvState> {
  const stepper: Stepper<KvState> = {
    newCache: () => ({ past: null, seen: 0 }),
    async nextLogits(ids, cache) {
      const c = cache!;
      const fresh = ids.slice(c.seen);
      if (cfg.ssm && c.past && fresh.length > 1) {
        // an SSM's decode graph is the one-token recurrence: feed extra tokens one at a time
        let last: Float32Array | null = null;
        for (let i = c.seen; i < ids.length; i++) last = await stepper.nextLogits(ids.slice(0, i + 1), c);
        return last!;
      }
      const out = c.past
        ? await run('kv-decode', { [names.ids()]: idsTensor(fresh), ...c.past }, 'decode')
        : await run('kv-prefill', { [names.ids()]: idsTensor(fresh) }, fresh.length > 1 ? 'prefill' : 'decode');
      c.past = cfg.ssm ? ssmPastFeeds(out, cfg.nLayer) : pastFeeds(out, cfg.nLayer); // SSM: conv + SSM states, not K/V
      c.seen = ids.length;
      return lastLogits(out[names.logits()]);
    },
  } as Stepper<KvState>;
  return stepper;
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
  return {
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
        bytes = buildTransformerModel(c, weights, { cache: v.cache, taps: v.taps });
        if (!scaled && !windowed) built.set(variant, bytes); // scaled / windowed graphs: the session keeps what it needs
      }
      return bytes;
    },
    calibration: () => calibrationPlan(cfg),
    stepper: (run) => kvStepper(cfg, run) as Stepper,
  };
}

/** A shipped model's manifest, config and sha256-checked weights, from `base` (e.g. '/models/'). */
export async function fetchModelWeights(modelId: string, base: string, onProgress: (p: Progress) => void): Promise<{ manifest: Manifest; config: TransformerConfig; weights: WeightMap }> {
  const dir = `${base}${modelId}/`;
  const getJson = async <T>(file: string): Promise<T> => {
    const res = await fetch(dir + file);
    if (!res.ok) throw new Error(`model "${modelId}": ${dir + file} → HTTP ${res.status}`);
    return (await res.json()) as T;
  };
  // the model's entry in the family manifest models/manifest.json, else models/<id>/manifest.json
  const manifest = (await familyManifest(modelId, base)) ?? (await getJson<Manifest>('manifest.json'));
  const cfg = validateConfig(await getJson<TransformerConfig>(manifest.config));
  const bytes = await timed('weights:fetch', () => fetchWithProgress(dir + manifest.weights, { onProgress }));
  onProgress({ phase: 'verify', loaded: 0, total: 1, file: manifest.weights });
  const weights = await timed('weights:verify', () => loadWeights(bytes, { fileName: manifest.weights, sha256: manifest.sha256, config: cfg }));
  onProgress({ phase: 'verify', loaded: 1, total: 1, file: manifest.weights });
  return { manifest, config: cfg, weights };
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

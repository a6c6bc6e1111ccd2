/**
 * Quantized variants of the shipped models, built in the worker from the fp16 weights:
 *
 *   'quant:<format>:g<group>:c<clip>:<modelId>'   e.g. 'quant:int4:g32:c1:lm'
 *
 * The worker fetches `<modelId>`'s weights (sha256-checked), quantizes its Linear weights with
 * lib/quant (progress phase 'build'), and serves the same graph variants as a plain model
 * ('logits', 'kv-prefill', 'kv-decode'), built by lib/quant/graph.ts: MatMulNBits for int8/int4,
 * fp16 initializers + Cast for fp16, and for bf16 / NF4 — no ORT op on both backends — a graph
 * over weights dequantized in TS (info.ort = 'simulated'). info.quant is a QuantSummary.
 */
import type { CacheMode } from '@/lib/model/build';
import { validateConfig, type TransformerConfig } from '@/lib/model/config';
import { paramCount } from '@/lib/model/init';
import { buildQuantizedModel } from '@/lib/quant/graph';
import { FORMAT_IDS, type FormatId } from '@/lib/quant/formats';
import { quantizeModel, type QuantParams, type QuantizedModel } from '@/lib/quant/model';
import { summarize } from '@/lib/quant/summary';
import type { LoadedModel, Stepper } from './model';
import type { Progress } from './protocol';
import { registerModelFamily } from './provider';
import { calibrationPlan, fetchModelWeights, kvStepper, stateOutputNames } from './transformer';

export const QUANT_PREFIX = 'quant:';

/** The model id of a quantized variant. */
export function quantModelId(p: QuantParams, modelId = 'lm'): string {
  return `${QUANT_PREFIX}${p.format}:g${p.groupSize ?? 32}:c${p.clip ?? 1}:${modelId}`;
}

/** 'quant:int4:g32:c1:lm' → { params, modelId }; throws on anything else. */
export function parseQuantId(id: string): { params: Required<QuantParams>; modelId: string } {
  const m = /^quant:([a-z0-9-]+):g(\d+):c([0-9.]+):(.+)$/.exec(id);
  if (!m || !(FORMAT_IDS as readonly string[]).includes(m[1])) throw new Error(`not a quantized model id: "${id}"`);
  return { params: { format: m[1] as FormatId, groupSize: Number(m[2]), clip: Number(m[3]) }, modelId: m[4] };
}

const VARIANTS: Record<string, CacheMode> = { logits: 'none', 'kv-prefill': 'prefill', 'kv-decode': 'decode' };

/** A LoadedModel over a quantized model. */
export function quantizedTransformerModel(cfg: TransformerConfig, qm: QuantizedModel, info: Record<string, unknown> = {}): LoadedModel {
  validateConfig(cfg);
  const built = new Map<string, Uint8Array>();
  return {
    info: { config: cfg, params: paramCount(cfg), ...info },
    contextLength: cfg.contextLength,
    graph(variant) {
      const cache = VARIANTS[variant];
      if (!cache) throw new Error(`unknown graph variant "${variant}" (have ${Object.keys(VARIANTS).join(', ')})`);
      let bytes = built.get(variant);
      if (!bytes) built.set(variant, (bytes = buildQuantizedModel(cfg, qm, { cache })));
      return bytes;
    },
    calibration: () => calibrationPlan(cfg),
    stepper: (run, keepRun) => kvStepper(cfg, run, keepRun) as Stepper,
    stateOutputs: (variant) => (variant === 'logits' ? [] : stateOutputNames(cfg)),
  };
}

export async function fetchQuantized(id: string, base: string, onProgress: (p: Progress) => void): Promise<LoadedModel> {
  const { params, modelId } = parseQuantId(id);
  const { config, weights } = await fetchModelWeights(modelId, base, onProgress);
  onProgress({ phase: 'build', loaded: 0, total: 1 });
  const qm = quantizeModel(config, weights, params);
  const quant = summarize(qm, weights);
  onProgress({ phase: 'build', loaded: 1, total: 1 });
  return quantizedTransformerModel(config, qm, { quant, base: modelId });
}

/** Registers 'quant:*' (call before the catch-all shipped-model family). */
export function registerQuantModels(modelBase = '/models/'): void {
  registerModelFamily(QUANT_PREFIX, (id, onProgress) => fetchQuantized(id, modelBase, onProgress));
}

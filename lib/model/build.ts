/**
 * ONNX graphs of the Transformer, built in the browser (or Node) from TS in milliseconds.
 *
 *   cache 'none'     inputs ids [1, T];                 outputs logits [1, T, V] (+ taps)
 *   cache 'prefill'  inputs ids [1, T];                 outputs logits, present.{l}.key/value [1, nkv, T, hs]
 *   cache 'decode'   inputs ids [1, T], past.{l}.key/value [1, nkv, P, hs]
 *                    outputs logits, present.{l}.key/value [1, nkv, P+T, hs]
 * T and P are symbolic: one graph serves any prompt length and any cache length.
 *   cache 'step'     fixed capacity C = contextLength, static shapes (for WebGPU graph capture):
 *                    inputs ids [1, 1], pos [1] (float, the token's position p), visible [1, C + 1]
 *                    (1 for cache slots 0..p-1 and the last key, the token itself), past.{l}.key/value
 *                    [1, nkv, C, hs] (slots ≥ p hold anything); outputs logits [1, 1, V] and
 *                    new.{l}.key/value [1, nkv, 1, hs], which the caller writes into slot p.
 *   cache 'inplace'  the same fixed capacity with one fused attention node per layer (fused only;
 *                    com.microsoft GroupQueryAttention, RoPE inside): inputs ids [1, 1],
 *                    seqlens_k int32 [1] (= p), total_sequence_length int32 [] (= p + 1),
 *                    past.{l}.key/value [1, nkv, C, hs]; outputs logits [1, 1, V] and
 *                    present.{l}.key/value [1, nkv, C, hs]: the past with slot p written. Bound to
 *                    the past's own GPU buffers, they update the cache in place (no copies).
 * Names: lib/model/names.ts. Weights become initializers under their safetensors names.
 */
import { encodeModel, type OnnxGraph } from '@/lib/onnx';
import { headSize, validateConfig, type TransformerConfig } from './config';
import type { WeightMap } from './eager';
import { GraphOps, type GVal } from './graph';
import { names } from './names';
import { buildSsmGraph } from './ssm-lm';
import type { TapFilter } from './ops';
import { transformer, type LayerKV } from './transformer';
import { slotPositionContext, stepPositionContext, type PositionContext } from './positions';

export type CacheMode = 'none' | 'prefill' | 'decode' | 'step' | 'inplace';

/** Extra inputs and outputs of cache 'step' (and the two inputs of cache 'inplace'). */
export const stepNames = {
  pos: 'pos',
  visible: 'visible',
  seqlensK: 'seqlens_k',
  total: 'total_sequence_length',
  newKey: (l: number): string => `new.${l}.key`,
  newValue: (l: number): string => `new.${l}.value`,
};

export interface BuildOptions {
  taps?: TapFilter;
  cache?: CacheMode;
  /** onnxruntime's fused contrib kernels (GraphOptions.fused in ./graph.ts); default off. */
  fused?: boolean;
}

export function buildTransformerGraph(cfg: TransformerConfig, weights: WeightMap, opts: BuildOptions = {}): OnnxGraph {
  validateConfig(cfg);
  const cache = opts.cache ?? 'none';
  const inplace = cache === 'inplace';
  if (cfg.ssm && (cache === 'step' || inplace)) throw new Error(`cache "${cache}" is for attention KV caches, not SSM state`);
  if (cfg.ssm) return buildSsmGraph(cfg, weights, { taps: opts.taps, cache: cache as Exclude<CacheMode, 'step' | 'inplace'> }); // state instead of a KV cache (ssm-lm.ts)
  if (inplace && !opts.fused) throw new Error('cache "inplace" runs attention as a fused contrib kernel: build it with fused');
  const step = cache === 'step' || inplace;
  const g = new GraphOps(weights, { taps: opts.taps ?? false, fused: opts.fused ?? false });
  const C = cfg.contextLength;
  const ids = g.input(names.ids(), 'int64', [1, step ? 1 : 'T']); // [1, T]
  let past: LayerKV<GVal>[] | undefined;
  let positions: PositionContext<GVal> | undefined;
  if (cache === 'step') positions = stepPositionContext(g, cfg, g.input(stepNames.pos, 'float32', [1]), g.input(stepNames.visible, 'float32', [1, C + 1]));
  if (inplace) positions = slotPositionContext(g, cfg, g.input(stepNames.seqlensK, 'int32', [1]), g.input(stepNames.total, 'int32', []));
  if (cache === 'decode' || step) {
    const kvShape = [1, cfg.nKvHead, step ? C : 'P', headSize(cfg)]; // [1, nkv, P, hs]
    past = Array.from({ length: cfg.nLayer }, (_, l) => ({
      k: g.input(names.pastKey(l), 'float32', kvShape),
      v: g.input(names.pastValue(l), 'float32', kvShape),
    }));
  }
  const { logits, present, fresh } = transformer(g, cfg, ids, past, positions);
  g.output(names.logits(), logits); // [1, T, V]
  if (cache === 'step') {
    fresh.forEach((kv, l) => {
      g.output(stepNames.newKey(l), kv!.k); // [1, nkv, 1, hs]
      g.output(stepNames.newValue(l), kv!.v);
    });
  } else if (cache !== 'none') {
    present.forEach((kv, l) => {
      g.output(names.presentKey(l), kv.k, { rename: inplace }); // [1, nkv, S, hs]; 'inplace': the attention node's own output
      g.output(names.presentValue(l), kv.v, { rename: inplace });
    });
  }
  return g.graph(`transformer-${cache}`);
}

/** The serialized model (opset 17) ready for ort.InferenceSession.create(bytes). */
export function buildTransformerModel(cfg: TransformerConfig, weights: WeightMap, opts: BuildOptions = {}): Uint8Array {
  return encodeModel(buildTransformerGraph(cfg, weights, opts), { opsetVersion: 17, producerName: 'llm-lab' });
}

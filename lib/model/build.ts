/**
 * ONNX graphs of the Transformer, built in the browser (or Node) from TS in milliseconds.
 *
 *   cache 'none'     inputs ids [1, T];                 outputs logits [1, T, V] (+ taps)
 *   cache 'prefill'  inputs ids [1, T];                 outputs logits, present.{l}.key/value [1, nkv, T, hs]
 *   cache 'decode'   inputs ids [1, T], past.{l}.key/value [1, nkv, P, hs]
 *                    outputs logits, present.{l}.key/value [1, nkv, P+T, hs]
 * T and P are symbolic: one graph serves any prompt length and any cache length.
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

export type CacheMode = 'none' | 'prefill' | 'decode';

export interface BuildOptions {
  taps?: TapFilter;
  cache?: CacheMode;
}

export function buildTransformerGraph(cfg: TransformerConfig, weights: WeightMap, opts: BuildOptions = {}): OnnxGraph {
  validateConfig(cfg);
  const cache = opts.cache ?? 'none';
  if (cfg.ssm) return buildSsmGraph(cfg, weights, { taps: opts.taps, cache }); // state instead of a KV cache (ssm-lm.ts)
  const g = new GraphOps(weights, { taps: opts.taps ?? false });
  const ids = g.input(names.ids(), 'int64', [1, 'T']); // [1, T]
  let past: LayerKV<GVal>[] | undefined;
  if (cache === 'decode') {
    const kvShape = [1, cfg.nKvHead, 'P', headSize(cfg)]; // [1, nkv, P, hs]
    past = Array.from({ length: cfg.nLayer }, (_, l) => ({
      k: g.input(names.pastKey(l), 'float32', kvShape),
      v: g.input(names.pastValue(l), 'float32', kvShape),
    }));
  }
  const { logits, present } = transformer(g, cfg, ids, past);
  g.output(names.logits(), logits); // [1, T, V]
  if (cache !== 'none') {
    present.forEach((kv, l) => {
      g.output(names.presentKey(l), kv.k); // [1, nkv, S, hs]
      g.output(names.presentValue(l), kv.v);
    });
  }
  return g.graph(`transformer-${cache}`);
}

/** The serialized model (opset 17) ready for ort.InferenceSession.create(bytes). */
export function buildTransformerModel(cfg: TransformerConfig, weights: WeightMap, opts: BuildOptions = {}): Uint8Array {
  return encodeModel(buildTransformerGraph(cfg, weights, opts), { opsetVersion: 17, producerName: 'llm-lab' });
}

/**
 * A whole model's weights in one format: every Linear weight of the blocks (wq, wk, wv, wo, w1,
 * w2, w3) is quantized; the token embedding (also the tied output head), the norms and any bias
 * keep the precision the model ships in (fp16 for the lab's models), as llama.cpp and bitsandbytes
 * also leave embeddings and norms alone by default. Weight-only: activations stay fp32.
 *
 *   const qm = quantizeModel(cfg, weights, { format: 'int4', groupSize: 32 });
 *   qm.weights        WeightMap with ŵ in place of each quantized W (the eager reference)
 *   qm.tensors        per quantized W: name, shape, bytes, error, the QTensor
 *   qm.bytes          total storage: quantized blocks + the rest at `restBytesPerParam` (2 = fp16)
 */
import type { Tensor } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import type { WeightMap } from '@/lib/model/eager';
import { tensorError, type TensorError } from './error';
import { FORMATS, quantize, type FormatId, type QTensor } from './formats';

export interface QuantParams {
  format: FormatId;
  groupSize?: number;
  clip?: number;
}

export interface QuantizedTensorInfo {
  name: string;
  /** Block index and matrix, e.g. 3, 'mlp.w2'. */
  layer: number;
  matrix: string;
  shape: [number, number];
  bytes: number;
  error: TensorError;
  q: QTensor;
}

export interface QuantizedModel {
  params: QuantParams;
  weights: WeightMap;
  tensors: QuantizedTensorInfo[];
  bytes: { total: number; quantized: number; rest: number; fp32: number; fp16: number };
}

const LINEAR = /^blocks\.(\d+)\.((?:attn\.w[qkvo])|(?:mlp\.w[123]))\.weight$/;

/** True for the weights quantizeModel quantizes (the blocks' Linear weights). */
export function isQuantizable(name: string): boolean {
  return LINEAR.test(name);
}

/** Quantizes a model's Linear weights; `restBytesPerParam` prices everything else (2 = fp16). */
export function quantizeModel(_cfg: TransformerConfig, weights: WeightMap, p: QuantParams, restBytesPerParam = 2): QuantizedModel {
  if (!FORMATS[p.format]) throw new Error(`unknown format "${p.format}"`);
  const out = new Map<string, Tensor>();
  const tensors: QuantizedTensorInfo[] = [];
  let quantized = 0;
  let rest = 0;
  let n = 0;
  for (const [name, w] of weights) {
    const m = LINEAR.exec(name);
    const count = w.data.length;
    n += count;
    if (!m || w.shape.length !== 2) {
      out.set(name, w);
      rest += count * restBytesPerParam;
      continue;
    }
    const [rows, cols] = w.shape as [number, number];
    const q = quantize(w.data, rows, cols, p.format, { groupSize: p.groupSize, clip: p.clip });
    out.set(name, { data: q.values, shape: [rows, cols] });
    quantized += q.bytes;
    tensors.push({ name, layer: Number(m[1]), matrix: m[2], shape: [rows, cols], bytes: q.bytes, error: tensorError(w.data, q.values), q });
  }
  return { params: p, weights: out, tensors, bytes: { total: quantized + rest, quantized, rest, fp32: 4 * n, fp16: 2 * n } };
}

/**
 * ONNX graphs of a quantized model for onnxruntime-web. The transformer graph is built as usual
 * (lib/model/build.ts) and then each quantized Linear weight is swapped for a form ORT runs on
 * BOTH the WASM and the WebGPU execution providers (see shared notes on ORT web):
 *
 *   int8*, int4*  Gemm(x, W, transB) → com.microsoft MatMulNBits(x, B, scales[, zero_points])
 *                 B uint8 [N, K/bs, bs·bits/8] (8-bit: one code per byte; 4-bit: two, low nibble
 *                 first), scales fp32 [N·K/bs], zero points uint8 (4-bit: two per byte; absent for
 *                 symmetric formats, where ORT's default zero point is 2^(bits−1)). ORT's block bs
 *                 must be a power of two ≥ 16: per-tensor and per-channel formats use the largest
 *                 power of two dividing K and repeat the scale (a few extra bytes in the graph).
 *                 MatMulNBits dequantizes blocks on the fly: the weights stay 4/8-bit in memory
 *                 but the multiply is fp32, so it saves memory, not arithmetic.
 *   fp16          W as a float16 initializer + Cast to float32 (the Cast runs once per call).
 *   bf16, nf4     no ORT op on both EPs ('simulated'): the graph holds ŵ in fp32, i.e. the
 *                 weights are dequantized in TS before the run; the UI must say so.
 * The eager reference for every format is the fp32 transformer over ŵ (QuantizedModel.weights).
 */
import { encodeModel, type OnnxGraph, type OnnxNode, type OnnxTensor } from '@/lib/onnx';
import { buildTransformerGraph, type BuildOptions } from '@/lib/model/build';
import type { TransformerConfig } from '@/lib/model/config';
import { FORMATS, type OrtPath, type QTensor } from './formats';
import type { QuantizedModel } from './model';

export const CONTRIB_DOMAIN = 'com.microsoft';

/** How `model`'s format runs on ORT. */
export function ortPath(model: QuantizedModel): OrtPath {
  return FORMATS[model.params.format].ort;
}

/** ORT's block size for a QTensor: its own block when a power of two ≥ 16, else the largest power of two dividing K. */
export function ortBlockSize(q: QTensor): number {
  const pow2 = (n: number) => n >= 16 && (n & (n - 1)) === 0;
  if (pow2(q.block) && q.block <= q.cols) return q.block;
  let bs = 1;
  while (q.cols % (bs * 2) === 0 && bs * 2 <= 256) bs *= 2;
  if (bs < 16) throw new Error(`MatMulNBits needs K divisible by 16 (K = ${q.cols})`);
  return bs;
}

export interface PackedNBits {
  bits: number;
  blockSize: number;
  /** uint8 [N, K/bs, bs·bits/8] */
  b: Uint8Array;
  /** fp32 [N·K/bs] */
  scales: Float32Array;
  /** uint8, null for symmetric formats */
  zeros: Uint8Array | null;
}

/** A QTensor in MatMulNBits' layout. */
export function packNBits(q: QTensor): PackedNBits {
  const bits = FORMATS[q.format].bits;
  if (!q.codes || (bits !== 4 && bits !== 8)) throw new Error(`packNBits: ${q.format} is not an int8/int4 format`);
  const bs = ortBlockSize(q);
  const nb = q.cols / bs;
  const per = q.cols / q.block; // the format's blocks per row
  const scales = new Float32Array(q.rows * nb);
  for (let r = 0; r < q.rows; r++) for (let j = 0; j < nb; j++) scales[r * nb + j] = q.scales[r * per + Math.floor((j * bs) / q.block)];
  let b: Uint8Array;
  if (bits === 8) b = q.codes.slice();
  else {
    b = new Uint8Array(q.codes.length / 2);
    for (let i = 0; i < b.length; i++) b[i] = q.codes[2 * i] | (q.codes[2 * i + 1] << 4);
  }
  let zeros: Uint8Array | null = null;
  if (q.zeros) {
    const zAt = (r: number, j: number) => q.zeros![r * per + Math.floor((j * bs) / q.block)];
    if (bits === 8) {
      zeros = new Uint8Array(q.rows * nb);
      for (let r = 0; r < q.rows; r++) for (let j = 0; j < nb; j++) zeros[r * nb + j] = zAt(r, j);
    } else {
      const rowBytes = Math.ceil(nb / 2);
      zeros = new Uint8Array(q.rows * rowBytes);
      for (let r = 0; r < q.rows; r++) for (let j = 0; j < nb; j++) zeros[r * rowBytes + (j >> 1)] |= zAt(r, j) << (4 * (j & 1));
    }
  }
  return { bits, blockSize: bs, b, scales, zeros };
}

function rewriteNBits(g: OnnxGraph, name: string, q: QTensor): void {
  const users = g.nodes.filter((n) => n.inputs.includes(name));
  if (users.some((n) => n.opType !== 'Gemm' || n.inputs[1] !== name || n.inputs.length !== 2)) {
    throw new Error(`quantized graph: "${name}" is used by something other than a bias-free Gemm(x, W, transB)`);
  }
  const p = packNBits(q);
  const nb = q.cols / p.blockSize;
  const inits: OnnxTensor[] = [
    { name: `${name}.q`, dtype: 'uint8', dims: [q.rows, nb, (p.blockSize * p.bits) / 8], data: p.b },
    { name: `${name}.scales`, dtype: 'float32', dims: [q.rows * nb], data: p.scales },
  ];
  if (p.zeros) inits.push({ name: `${name}.zp`, dtype: 'uint8', dims: [p.zeros.length], data: p.zeros });
  for (const n of users) {
    n.opType = 'MatMulNBits';
    n.domain = CONTRIB_DOMAIN;
    n.inputs = [n.inputs[0], ...inits.map((t) => t.name)];
    n.attributes = { K: { int: q.cols }, N: { int: q.rows }, bits: { int: p.bits }, block_size: { int: p.blockSize } };
  }
  g.initializers = g.initializers.filter((t) => t.name !== name).concat(inits);
}

function rewriteFp16(g: OnnxGraph, name: string, q: QTensor, casts: OnnxNode[]): void {
  g.initializers = g.initializers.filter((t) => t.name !== name);
  g.initializers.push({ name: `${name}.f16`, dtype: 'float16', dims: [q.rows, q.cols], data: q.bits16! });
  casts.push({ opType: 'Cast', inputs: [`${name}.f16`], outputs: [name], name: `Cast_${name}`, attributes: { to: { int: 1 } } });
}

/** The transformer graph of a quantized model, weights in the ORT form of its format (see above). */
export function buildQuantizedGraph(cfg: TransformerConfig, model: QuantizedModel, opts: BuildOptions = {}): OnnxGraph {
  const g = buildTransformerGraph(cfg, model.weights, opts);
  const path = ortPath(model);
  if (path === 'simulated') return g;
  const casts: OnnxNode[] = [];
  for (const t of model.tensors) {
    if (!g.initializers.some((i) => i.name === t.name)) continue; // not used by this variant
    if (path === 'MatMulNBits') rewriteNBits(g, t.name, t.q);
    else rewriteFp16(g, t.name, t.q, casts);
  }
  g.nodes = [...casts, ...g.nodes];
  g.name = `${g.name}-${model.params.format}`;
  return g;
}

/** The serialized quantized model (ai.onnx opset 17 + com.microsoft 1). */
export function buildQuantizedModel(cfg: TransformerConfig, model: QuantizedModel, opts: BuildOptions = {}): Uint8Array {
  return encodeModel(buildQuantizedGraph(cfg, model, opts), {
    opsetVersion: 17,
    producerName: 'llm-lab',
    extraOpsets: [{ domain: CONTRIB_DOMAIN, version: 1 }],
  });
}

/**
 * GraphOps: Ops that record ONNX nodes instead of computing. Run a model function over it, then
 * `graph(...)` returns an OnnxGraph for lib/onnx's encodeModel. Weights become initializers named
 * exactly as in safetensors (only the ones the model touched); taps become extra graph outputs.
 *
 * Shapes are tracked symbolically (number, or a string dim such as 'T', 'P', 'P+T') so graph
 * outputs can be declared; ONNX's own shape inference does the real work at session creation.
 *
 * Opset 17, default domain. Ops used: GRAPH_OPS below, every one listed for opset 17 in
 * onnxruntime-web's docs/webgpu-operators.md (and all run on the WASM CPU EP). Shape runs on
 * the CPU under WebGPU (tiny int64 tensors); taps and outputs are renamed with a no-op Reshape.
 * With `fused`, FUSED_GRAPH_OPS too: onnxruntime contrib kernels (SimplifiedLayerNormalization in
 * the default domain; the others com.microsoft, GroupQueryAttention only in build.ts cache
 * 'inplace'), which both the WASM CPU EP and the native WebGPU EP run (checked on an H200 through
 * Dawn, scripts/bench/runtime-gpu.ts, and on SwiftShader in the e2e). A Concat of float
 * initializers on axis 0 (a packed weight) is folded at build time, and initializers no node
 * reads are left out of the graph.
 */
import type { OnnxDType, OnnxGraph, OnnxNode, OnnxTensor, OnnxValueInfo } from '@/lib/onnx';
import type { Tensor } from '@/lib/tensor';
import type { WeightMap } from './eager';
import { wantsTap, type Ops, type SlotInputs, type TapFilter } from './ops';

/** Every ONNX op GraphOps can emit (a test checks built graphs against this list). */
export const GRAPH_OPS = [
  'MatMul', 'Gemm', 'Add', 'Sub', 'Mul', 'Div', 'Softmax', 'Transpose', 'Reshape', 'Gather', 'Concat', 'Slice',
  'Expand', 'Cast', 'Shape', 'Range', 'Sin', 'Cos', 'Tanh', 'Sigmoid', 'Sqrt', 'ReduceMean', 'Greater', 'Where',
  'LayerNormalization',
] as const;

/** Contrib ops a fused graph (GraphOptions.fused) adds: onnxruntime kernels for RMSNorm (with its residual add), one-token RoPE, SiLU and (cache 'inplace') attention. */
export const FUSED_GRAPH_OPS = ['SimplifiedLayerNormalization', 'SkipSimplifiedLayerNormalization', 'RotaryEmbedding', 'QuickGelu', 'GroupQueryAttention'] as const;

/** The ops only MoE routing and the state-space models add (kept apart so GRAPH_OPS stays exact for the Transformer). */
export const MOE_SSM_GRAPH_OPS = ['Exp', 'Log', 'Abs', 'Relu', 'CumSum'] as const;

export type Dim = number | string;
/** A recorded value: its graph name, element type and (symbolic) shape. */
export interface GVal {
  name: string;
  dtype: OnnxDType;
  shape: Dim[];
}

export interface GraphOptions {
  taps?: TapFilter;
  /**
   * Fewer WebGPU dispatches: RMSNorm as one SimplifiedLayerNormalization node instead of six (and
   * with the residual add before it, one SkipSimplifiedLayerNormalization); RoPE on one token as
   * one com.microsoft RotaryEmbedding node instead of four; SiLU as QuickGelu (alpha 1) instead of two.
   */
  fused?: boolean;
}

const GELU_K = Math.sqrt(2 / Math.PI);

export class GraphOps implements Ops<GVal> {
  readonly kind = 'graph';
  private readonly nodes: OnnxNode[] = [];
  private readonly inits = new Map<string, OnnxTensor>();
  private readonly inputs: OnnxValueInfo[] = [];
  private readonly outputs: OnnxValueInfo[] = [];
  private readonly consts = new Map<string, GVal>();
  private readonly taps: TapFilter;
  private readonly fused: boolean;
  private n = 0;

  constructor(private readonly weights: WeightMap, opts: GraphOptions = {}) {
    this.taps = opts.taps ?? false;
    this.fused = opts.fused ?? false;
  }

  // ---- graph plumbing
  /** Declares a graph input. */
  input(name: string, dtype: OnnxDType, shape: Dim[]): GVal {
    this.inputs.push({ name, dtype, dims: shape });
    return { name, dtype, shape };
  }
  /**
   * Declares `v` as a graph output named `name`: a Reshape that keeps every dim renames it (WebGPU
   * has no Identity kernel). With `rename`, the node that made v is renamed instead (v must be
   * unread and is not used after): the output is that node's own buffer, e.g. a cache a kernel updates in place.
   */
  output(name: string, v: GVal, opts: { rename?: boolean } = {}): void {
    if (this.outputs.some((o) => o.name === name)) throw new Error(`graph output "${name}" declared twice`);
    const maker = opts.rename ? this.nodes.find((n) => n.outputs.includes(v.name)) : undefined;
    if (maker && !this.nodes.some((n) => n.inputs.includes(v.name))) maker.outputs = maker.outputs.map((o) => (o === v.name ? name : o));
    else if (v.name !== name) this.node('Reshape', [v.name, this.int64(v.shape.map(() => 0)).name], {}, name);
    this.outputs.push({ name, dtype: v.dtype, dims: v.shape });
  }
  /** The recorded graph; initializers no node reads (e.g. weights folded into a packed one) are left out. */
  graph(name = 'model'): OnnxGraph {
    const read = new Set([...this.nodes.flatMap((n) => n.inputs), ...this.outputs.map((o) => o.name)]);
    return { name, nodes: this.nodes, initializers: [...this.inits.values()].filter((t) => read.has(t.name)), inputs: this.inputs, outputs: this.outputs };
  }

  /**
   * One raw node with a float (or `dtype`) output of the given shape: the escape hatch lib/train's
   * train-step graph uses for its backward and optimiser nodes (ReduceSum, Equal, Min, ...).
   */
  op(opType: string, inputs: GVal[], shape: Dim[], attributes: OnnxNode['attributes'] = {}, dtype: OnnxDType = 'float32'): GVal {
    return this.v(this.node(opType, inputs.map((i) => i.name), attributes), dtype, shape);
  }
  /** A shared int64 constant (a vector, or a scalar). */
  ints(values: number[], scalar = false): GVal {
    return this.int64(values, scalar);
  }
  /** A shared float32 scalar constant. */
  num(x: number): GVal {
    return this.scalar(x);
  }

  private fresh(hint: string): string {
    return `${hint}_${this.n++}`;
  }
  private node(op: string, inputs: string[], attributes: OnnxNode['attributes'] = {}, out?: string, domain?: string): string {
    const o = out ?? this.fresh(op.toLowerCase());
    this.nodeOut(op, inputs, [o], attributes, domain);
    return o;
  }
  /** A node with any outputs ('' skips an optional one). */
  private nodeOut(op: string, inputs: string[], outputs: string[], attributes: OnnxNode['attributes'] = {}, domain?: string): void {
    this.nodes.push({ opType: op, inputs, outputs, name: `${op}_${this.nodes.length}`, attributes, ...(domain ? { domain } : {}) });
  }
  private v(name: string, dtype: OnnxDType, shape: Dim[]): GVal {
    return { name, dtype, shape };
  }
  private int64(values: number[], scalar = false): GVal {
    const key = `i64:${scalar}:${values.join(',')}`;
    let c = this.consts.get(key);
    if (!c) {
      const name = this.fresh('c');
      const dims = scalar ? [] : [values.length];
      this.inits.set(name, { name, dtype: 'int64', dims, data: BigInt64Array.from(values, (x) => BigInt(x)) });
      c = this.v(name, 'int64', dims);
      this.consts.set(key, c);
    }
    return c;
  }
  private scalar(x: number): GVal {
    const key = `f32:${x}`;
    let c = this.consts.get(key);
    if (!c) {
      const name = this.fresh('c');
      this.inits.set(name, { name, dtype: 'float32', dims: [], data: Float32Array.of(x) });
      c = this.v(name, 'float32', []);
      this.consts.set(key, c);
    }
    return c;
  }
  private float(op: string, inputs: GVal[], shape: Dim[], attributes: OnnxNode['attributes'] = {}): GVal {
    return this.v(this.node(op, inputs.map((i) => i.name), attributes), 'float32', shape);
  }
  private bin(op: string, a: GVal, b: GVal): GVal {
    return this.v(this.node(op, [a.name, b.name]), a.dtype, broadcast(a.shape, b.shape));
  }

  // ---- sources
  param(name: string): GVal {
    const w = this.weights.get(name);
    if (!w) throw new Error(`Missing weight "${name}" (have ${this.weights.size} weights)`);
    if (!this.inits.has(name)) this.inits.set(name, { name, dtype: 'float32', dims: [...w.shape], data: w.data });
    return this.v(name, 'float32', [...w.shape]);
  }
  constant(t: Tensor): GVal {
    const name = this.fresh('const');
    this.inits.set(name, { name, dtype: 'float32', dims: [...t.shape], data: t.data });
    return this.v(name, 'float32', [...t.shape]);
  }
  positions(ids: GVal, pastKey: GVal | null): { query: GVal; key: GVal } {
    const T = this.node('Gather', [this.node('Shape', [ids.name]), this.int64([ids.shape.length - 1], true).name]); // scalar
    const zero = this.int64([0], true).name;
    const one = this.int64([1], true).name;
    if (!pastKey) {
      const r = this.v(this.node('Range', [zero, T, one]), 'int64', [ids.shape[ids.shape.length - 1]]);
      return { query: r, key: r };
    }
    const P = this.node('Gather', [this.node('Shape', [pastKey.name]), this.int64([2], true).name]); // scalar
    const S = this.node('Add', [P, T]); // scalar
    const sDim = sumDim(pastKey.shape[2], ids.shape[ids.shape.length - 1]);
    return {
      query: this.v(this.node('Range', [P, S, one]), 'int64', [ids.shape[ids.shape.length - 1]]),
      key: this.v(this.node('Range', [zero, S, one]), 'int64', [sDim]),
    };
  }

  // ---- layout
  reshape(x: GVal, shape: number[]): GVal {
    return this.v(this.node('Reshape', [x.name, this.int64(shape).name]), x.dtype, reshapeDims(x.shape, shape));
  }
  /** A Transpose that only moves dims of size 1 keeps the memory order: it is emitted as a Reshape (no kernel on WebGPU). */
  transpose(x: GVal, perm: number[]): GVal {
    const shape = perm.map((p) => x.shape[p]);
    const moved = perm.filter((p) => x.shape[p] !== 1);
    const symbolic = shape.filter((d) => typeof d === 'string').length;
    if (moved.every((p, i) => i === 0 || moved[i - 1] < p) && symbolic <= 1) {
      return this.v(this.node('Reshape', [x.name, this.int64(shape.map((d) => (typeof d === 'number' ? d : -1))).name]), x.dtype, shape);
    }
    return this.v(this.node('Transpose', [x.name], { perm: { ints: perm } }), x.dtype, shape);
  }
  /** Float initializers joined on axis 0 (a packed weight) fold into one initializer: no node. */
  concat(xs: GVal[], axis: number): GVal {
    const ax = axis < 0 ? axis + xs[0].shape.length : axis;
    const shape = [...xs[0].shape];
    shape[ax] = xs.map((x) => x.shape[ax]).reduce((a, b) => sumDim(a, b));
    const held = xs.map((x) => this.inits.get(x.name));
    if (ax === 0 && held.every((t) => t?.data instanceof Float32Array)) {
      const data = new Float32Array(held.reduce((n, t) => n + t!.data.length, 0));
      held.reduce((at, t) => (data.set(t!.data as Float32Array, at), at + t!.data.length), 0);
      return this.constant({ data, shape: shape as number[] } as Tensor);
    }
    return this.v(this.node('Concat', xs.map((x) => x.name), { axis: { int: axis } }), xs[0].dtype, shape);
  }
  slice(x: GVal, axis: number, start: number, end: number): GVal {
    const ax = axis < 0 ? axis + x.shape.length : axis;
    const shape = [...x.shape];
    const d = shape[ax];
    shape[ax] = typeof d === 'number' ? Math.max(0, Math.min(d, end) - Math.max(0, start)) : `${d}[${start}:${end}]`;
    const ins = [x.name, this.int64([start]).name, this.int64([end]).name, this.int64([axis]).name];
    return this.v(this.node('Slice', ins), x.dtype, shape);
  }
  gather(table: GVal, ids: GVal): GVal {
    return this.v(this.node('Gather', [table.name, ids.name], { axis: { int: 0 } }), table.dtype, [...ids.shape, ...table.shape.slice(1)]);
  }
  expand(x: GVal, shape: number[]): GVal {
    return this.v(this.node('Expand', [x.name, this.int64(shape).name]), x.dtype, broadcast(x.shape, shape));
  }
  toFloat(x: GVal): GVal {
    return this.float('Cast', [x], [...x.shape], { to: { int: 1 } });
  }

  // ---- math
  matmul(a: GVal, b: GVal, opts: { transB?: boolean } = {}): GVal {
    const r = b.shape.length;
    const bt = opts.transB ? this.transpose(b, [...Array(r - 2).keys(), r - 1, r - 2]) : b;
    const batch = broadcast(a.shape.slice(0, -2), bt.shape.slice(0, -2));
    return this.float('MatMul', [a, bt], [...batch, a.shape[a.shape.length - 2], bt.shape[r - 1]]);
  }
  /** Gemm(transB=1) on a 2-D view: W stays [out, in] as stored, so tied embeddings share one initializer. */
  linear(x: GVal, w: GVal, b?: GVal): GVal {
    const inF = w.shape[1] as number;
    const outF = w.shape[0] as number;
    const lead = x.shape.slice(0, -1);
    const symbolic = lead.filter((d) => typeof d === 'string').length;
    if (symbolic > 1) {
      const y = this.matmul(x, w, { transB: true });
      return b ? this.add(y, b) : y;
    }
    const x2 = x.shape.length === 2 ? x : this.reshape(x, [-1, inF]); // [rows, in]
    const y2 = this.float('Gemm', b ? [x2, w, b] : [x2, w], [x2.shape[0], outF], { transB: { int: 1 } }); // [rows, out]
    if (x.shape.length === 2) return y2;
    const back = lead.map((d) => (typeof d === 'number' ? d : -1));
    const y = this.reshape(y2, [...back, outF]);
    return { ...y, shape: [...lead, outF] };
  }
  add(a: GVal, b: GVal): GVal {
    return this.bin('Add', a, b);
  }
  sub(a: GVal, b: GVal): GVal {
    return this.bin('Sub', a, b);
  }
  mul(a: GVal, b: GVal): GVal {
    return this.bin('Mul', a, b);
  }
  scale(x: GVal, s: number): GVal {
    return this.mul(x, this.scalar(s));
  }
  softmax(x: GVal): GVal {
    return this.float('Softmax', [x], [...x.shape], { axis: { int: -1 } });
  }
  layerNorm(x: GVal, w: GVal, b: GVal | undefined, eps: number): GVal {
    return this.float('LayerNormalization', b ? [x, w, b] : [x, w], [...x.shape], { axis: { int: -1 }, epsilon: { float: eps } });
  }
  /** x / sqrt(ReduceMean(x·x) + eps) · w from plain ops, or one SimplifiedLayerNormalization when fused. */
  rmsNorm(x: GVal, w: GVal, eps: number): GVal {
    if (this.fused) return this.float('SimplifiedLayerNormalization', [x, w], [...x.shape], { axis: { int: -1 }, epsilon: { float: eps } });
    const ms = this.float('ReduceMean', [this.mul(x, x)], [...x.shape.slice(0, -1), 1], { axes: { ints: [-1] }, keepdims: { int: 1 } });
    const rms = this.float('Sqrt', [this.add(ms, this.scalar(eps))], ms.shape);
    return this.mul(this.bin('Div', x, rms), w);
  }
  /** 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) (opset 17 has no Gelu op). */
  gelu(x: GVal): GVal {
    const x3 = this.mul(this.mul(x, x), x);
    const inner = this.scale(this.add(x, this.scale(x3, 0.044715)), GELU_K);
    const t = this.float('Tanh', [inner], [...x.shape]);
    return this.scale(this.mul(x, this.add(t, this.scalar(1))), 0.5);
  }
  /** x·sigmoid(x); fused: com.microsoft QuickGelu with alpha = 1, which is x·sigmoid(1·x). */
  silu(x: GVal): GVal {
    if (this.fused) return this.v(this.node('QuickGelu', [x.name], { alpha: { float: 1 } }, undefined, 'com.microsoft'), 'float32', [...x.shape]);
    return this.mul(x, this.float('Sigmoid', [x], [...x.shape]));
  }
  /** Fused only: com.microsoft SkipSimplifiedLayerNormalization (outputs 0 = the norm, 3 = input + skip). */
  addRmsNorm(x: GVal, delta: GVal, w: GVal, eps: number): { sum: GVal; normed: GVal } | null {
    if (!this.fused) return null;
    const normed = this.fresh('skipnorm'), sum = this.fresh('resid');
    this.nodeOut('SkipSimplifiedLayerNormalization', [x.name, delta.name, w.name], [normed, '', '', sum], { epsilon: { float: eps } }, 'com.microsoft');
    const shape = broadcast(x.shape, delta.shape);
    return { sum: this.v(sum, 'float32', shape), normed: this.v(normed, 'float32', shape) };
  }
  sin(x: GVal): GVal {
    return this.float('Sin', [x], [...x.shape]);
  }
  cos(x: GVal): GVal {
    return this.float('Cos', [x], [...x.shape]);
  }
  greater(x: GVal, s: number): GVal {
    return this.v(this.node('Greater', [x.name, this.scalar(s).name]), 'bool', [...x.shape]);
  }
  where(cond: GVal, value: number, x: GVal): GVal {
    return this.v(this.node('Where', [cond.name, this.scalar(value).name, x.name]), x.dtype, broadcast(cond.shape, x.shape));
  }

  /**
   * RoPE on one token as com.microsoft RotaryEmbedding (rotate-half, interleaved = 0): x [1, n, 1, hs]
   * viewed as [1, 1, n·hs], position_ids = [[0]] and the caches = this token's own cos/sin rows
   * [1, hs/2] (so no int64 position input is needed). Null (plain ops) unless fused with T = 1.
   */
  rotary(x: GVal, cos: GVal, sin: GVal, hs: number): GVal | null {
    const [b, n, t, d] = x.shape;
    if (!this.fused || x.shape.length !== 4 || b !== 1 || t !== 1 || d !== hs || typeof n !== 'number' || cos.shape[0] !== 1) return null;
    const flat = this.reshape(x, [1, 1, n * hs]); // [1, 1, n·hs]
    const ids = this.reshape(this.int64([0]), [1, 1]); // position_ids [batch, seq] = [[0]]: row 0 of the caches
    const out = this.node('RotaryEmbedding', [flat.name, ids.name, cos.name, sin.name], { interleaved: { int: 0 }, num_heads: { int: n } }, undefined, 'com.microsoft');
    return this.reshape(this.v(out, 'float32', [1, 1, n * hs]), [1, n, 1, hs]); // [1, n, 1, hs]
  }

  /**
   * Fused only: com.microsoft GroupQueryAttention on packed qkv [1, 1, (nh + 2·nkv)·hs] with
   * past k/v [1, nkv, C, hs] (BNSH, valid up to slot p = seqlens_k), RoPE inside when slots.cos
   * (rotate-half: rotary_interleaved 0), scale 1/√hs. Its present k/v are the past with slot p
   * written, [1, nkv, C, hs]; bound to the past's buffers they update the cache in place.
   */
  slotAttention(qkv: GVal, past: { k: GVal; v: GVal }, slots: SlotInputs<GVal>, heads: { nh: number; nkv: number }): { y: GVal; k: GVal; v: GVal } | null {
    if (!this.fused) return null;
    const hs = (qkv.shape[2] as number) / (heads.nh + 2 * heads.nkv);
    const y = this.fresh('gqa'), k = this.fresh('present_k'), v = this.fresh('present_v');
    const rope = slots.cos && slots.sin ? [slots.cos.name, slots.sin.name] : [];
    const attrs = { num_heads: { int: heads.nh }, kv_num_heads: { int: heads.nkv }, scale: { float: 1 / Math.sqrt(hs) }, do_rotary: { int: rope.length ? 1 : 0 }, rotary_interleaved: { int: 0 } };
    this.nodeOut('GroupQueryAttention', [qkv.name, '', '', past.k.name, past.v.name, slots.seqlensK.name, slots.total.name, ...rope], [y, k, v], attrs, 'com.microsoft');
    return { y: this.v(y, 'float32', [1, 1, heads.nh * hs]), k: this.v(k, 'float32', [...past.k.shape]), v: this.v(v, 'float32', [...past.v.shape]) };
  }

  tap(name: string, x: GVal): GVal {
    if (wantsTap(this.taps, name)) this.output(name, x);
    return x;
  }

  exp(x: GVal): GVal {
    return this.float('Exp', [x], [...x.shape]);
  }
  /** relu(x) + log(1 + exp(-|x|)): no Softplus kernel needed (JSEP lacks one) and no overflow. */
  softplus(x: GVal): GVal {
    const e = this.exp(this.scale(this.float('Abs', [x], [...x.shape]), -1));
    return this.add(this.float('Relu', [x], [...x.shape]), this.float('Log', [this.add(e, this.scalar(1))], [...x.shape]));
  }
  cumsum(x: GVal, axis: number): GVal {
    return this.float('CumSum', [x, this.int64([axis], true)], [...x.shape]);
  }
}

/** Broadcast of symbolic shapes (a dim of 1 yields to the other; numbers win over symbols). */
export function broadcast(a: readonly Dim[], b: readonly Dim[]): Dim[] {
  const r = Math.max(a.length, b.length);
  return Array.from({ length: r }, (_, i) => {
    const x = a[a.length - r + i] ?? 1;
    const y = b[b.length - r + i] ?? 1;
    if (x === 1) return y;
    if (y === 1) return x;
    if (typeof x === 'number' && typeof y === 'number' && x !== y) throw new Error(`graph: cannot broadcast [${a}] with [${b}]`);
    return typeof x === 'number' ? x : y;
  });
}

function sumDim(a: Dim, b: Dim): Dim {
  return typeof a === 'number' && typeof b === 'number' ? a + b : `${a}+${b}`;
}

/** ONNX Reshape on symbolic dims: 0 copies; -1 resolved when the numbers allow, else a fresh symbol. */
function reshapeDims(from: readonly Dim[], target: readonly number[]): Dim[] {
  const out: Dim[] = target.map((d, i) => (d === 0 ? from[i] : d));
  const k = out.indexOf(-1);
  if (k < 0) return out;
  const symIn = from.filter((d) => typeof d === 'string');
  const numIn = from.reduce<number>((p, d) => (typeof d === 'number' ? p * d : p), 1);
  const symOut = out.filter((d, i) => i !== k && typeof d === 'string');
  const numOut = out.reduce<number>((p, d, i) => (i !== k && typeof d === 'number' ? p * d : p), 1);
  const left = [...symIn]; // symbols of the input not matched by one in the output (as a multiset: [T, T] → [T, -1] leaves T)
  for (const s of symOut) {
    const i = left.indexOf(s as string);
    if (i >= 0) left.splice(i, 1);
  }
  if (left.length === 0) out[k] = numIn / numOut;
  else if (left.length === 1 && numIn === numOut) out[k] = left[0];
  else out[k] = `r${left.join('*')}`;
  return out;
}

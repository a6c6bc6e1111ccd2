/**
 * ONNX ModelProto serializer: a plain-data graph description → the bytes of a `.onnx` file that
 * onnxruntime (web or native) loads directly. Field numbers and their source: ./schema.ts.
 *
 * Example — y = softmax(x · W + b):
 *   encodeModel({
 *     name: 'tiny', initializers: [W, b],
 *     inputs: [{ name: 'x', dtype: 'float32', dims: ['batch', 2] }],
 *     outputs: [{ name: 'y', dtype: 'float32', dims: ['batch', 3] }],
 *     nodes: [
 *       { opType: 'MatMul', inputs: ['x', 'W'], outputs: ['xw'] },
 *       { opType: 'Add', inputs: ['xw', 'b'], outputs: ['z'] },
 *       { opType: 'Softmax', inputs: ['z'], outputs: ['y'], attributes: { axis: { int: -1 } } },
 *     ],
 *   });
 *
 * Tensor data always goes to TensorProto.raw_data, little-endian. Leaves out: external data,
 * sparse tensors, subgraph attributes (If/Loop bodies), string tensors, doc strings.
 */

import { ProtoWriter } from './protobuf';
import {
  ATTRIBUTE, ATTRIBUTE_TYPE, DATA_TYPE, DIMENSION, GRAPH, MODEL, NODE, OPSET_ID, SHAPE, TENSOR,
  TYPE, TYPE_TENSOR, VALUE_INFO, irVersionForOpset,
} from './schema';

export type OnnxDType = 'float32' | 'float16' | 'int64' | 'int32' | 'int8' | 'uint8' | 'bool';

export interface OnnxTensor {
  name: string;
  dtype: OnnxDType;
  dims: number[];
  /** float16 is carried as its raw bit patterns (Uint16Array); bool as 0/1 bytes (Uint8Array). */
  data: Float32Array | Uint16Array | BigInt64Array | Int32Array | Int8Array | Uint8Array;
}

/** A graph input/output. A string dim is symbolic (e.g. 'batch', 'seq'). */
export interface OnnxValueInfo {
  name: string;
  dtype: OnnxDType;
  dims: (number | string)[];
}

export type OnnxAttr =
  | { int: number }
  | { ints: number[] }
  | { float: number }
  | { floats: number[] }
  | { string: string }
  | { tensor: OnnxTensor };

export interface OnnxNode {
  opType: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  /** '' (default) = ai.onnx; e.g. 'com.microsoft' for contrib ops (add it to extraOpsets). */
  domain?: string;
  attributes?: Record<string, OnnxAttr>;
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

export interface EncodeOptions {
  /** ai.onnx opset version (default 17). */
  opsetVersion?: number;
  producerName?: string;
  extraOpsets?: { domain: string; version: number }[];
}

const TYPED_ARRAY_OF: Record<OnnxDType, string> = {
  float32: 'Float32Array',
  float16: 'Uint16Array',
  int64: 'BigInt64Array',
  int32: 'Int32Array',
  int8: 'Int8Array',
  uint8: 'Uint8Array',
  bool: 'Uint8Array',
};

const BYTES_PER_ELEMENT: Record<OnnxDType, number> = {
  float32: 4, float16: 2, int64: 8, int32: 4, int8: 1, uint8: 1, bool: 1,
};

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Throws a readable error when a tensor's array type or length disagrees with dtype/dims. */
export function checkTensor(t: OnnxTensor): void {
  const want = TYPED_ARRAY_OF[t.dtype];
  if (want === undefined) throw new Error(`ONNX tensor "${t.name}": unknown dtype ${String(t.dtype)}`);
  if (t.data.constructor.name !== want) {
    throw new Error(`ONNX tensor "${t.name}": dtype ${t.dtype} needs a ${want}, got ${t.data.constructor.name}`);
  }
  for (const d of t.dims) {
    if (!Number.isInteger(d) || d < 0) throw new Error(`ONNX tensor "${t.name}": bad dim ${d}`);
  }
  const n = t.dims.reduce((a, b) => a * b, 1);
  if (n !== t.data.length) {
    throw new Error(`ONNX tensor "${t.name}": dims [${t.dims.join(', ')}] hold ${n} elements, data has ${t.data.length}`);
  }
}

/** Little-endian element bytes of a tensor (a view, not a copy, on little-endian hosts). */
export function rawData(t: OnnxTensor): Uint8Array {
  const view = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  const size = BYTES_PER_ELEMENT[t.dtype];
  if (HOST_IS_LITTLE_ENDIAN || size === 1) return view;
  const out = new Uint8Array(view.length); // big-endian host: reverse each element's bytes
  for (let i = 0; i < view.length; i += size) {
    for (let j = 0; j < size; j++) out[i + j] = view[i + size - 1 - j];
  }
  return out;
}

function writeTensor(w: ProtoWriter, t: OnnxTensor): void {
  checkTensor(t);
  for (const d of t.dims) w.int(TENSOR.dims, d);
  w.int(TENSOR.dataType, DATA_TYPE[t.dtype]);
  if (t.name) w.string(TENSOR.name, t.name);
  w.bytes(TENSOR.rawData, rawData(t));
}

function writeValueInfo(w: ProtoWriter, v: OnnxValueInfo): void {
  w.string(VALUE_INFO.name, v.name);
  w.message(VALUE_INFO.type, (type) =>
    type.message(TYPE.tensorType, (tt) => {
      tt.int(TYPE_TENSOR.elemType, DATA_TYPE[v.dtype]);
      tt.message(TYPE_TENSOR.shape, (shape) => {
        for (const d of v.dims) {
          shape.message(SHAPE.dim, (dim) => {
            if (typeof d === 'string') dim.string(DIMENSION.dimParam, d);
            else dim.int(DIMENSION.dimValue, d);
          });
        }
      });
    }),
  );
}

function writeAttribute(w: ProtoWriter, name: string, a: OnnxAttr): void {
  w.string(ATTRIBUTE.name, name);
  if ('int' in a) {
    w.int(ATTRIBUTE.type, ATTRIBUTE_TYPE.INT).int(ATTRIBUTE.i, a.int);
  } else if ('ints' in a) {
    w.int(ATTRIBUTE.type, ATTRIBUTE_TYPE.INTS);
    for (const v of a.ints) w.int(ATTRIBUTE.ints, v);
  } else if ('float' in a) {
    w.int(ATTRIBUTE.type, ATTRIBUTE_TYPE.FLOAT).float(ATTRIBUTE.f, a.float);
  } else if ('floats' in a) {
    w.int(ATTRIBUTE.type, ATTRIBUTE_TYPE.FLOATS);
    for (const v of a.floats) w.float(ATTRIBUTE.floats, v);
  } else if ('string' in a) {
    w.int(ATTRIBUTE.type, ATTRIBUTE_TYPE.STRING).string(ATTRIBUTE.s, a.string);
  } else if ('tensor' in a) {
    w.int(ATTRIBUTE.type, ATTRIBUTE_TYPE.TENSOR).message(ATTRIBUTE.t, (t) => writeTensor(t, a.tensor));
  } else {
    throw new Error(`ONNX attribute "${name}": unsupported value ${JSON.stringify(a)}`);
  }
}

function writeNode(w: ProtoWriter, n: OnnxNode): void {
  for (const i of n.inputs) w.string(NODE.input, i);
  for (const o of n.outputs) w.string(NODE.output, o);
  if (n.name) w.string(NODE.name, n.name);
  w.string(NODE.opType, n.opType);
  for (const [k, v] of Object.entries(n.attributes ?? {})) {
    w.message(NODE.attribute, (a) => writeAttribute(a, k, v));
  }
  if (n.domain) w.string(NODE.domain, n.domain);
}

function writeGraph(w: ProtoWriter, g: OnnxGraph): void {
  for (const n of g.nodes) w.message(GRAPH.node, (m) => writeNode(m, n));
  w.string(GRAPH.name, g.name);
  for (const t of g.initializers) w.message(GRAPH.initializer, (m) => writeTensor(m, t));
  for (const v of g.inputs) w.message(GRAPH.input, (m) => writeValueInfo(m, v));
  for (const v of g.outputs) w.message(GRAPH.output, (m) => writeValueInfo(m, v));
}

/** Serializes a graph to ONNX ModelProto bytes (opset 17 by default). */
export function encodeModel(graph: OnnxGraph, opts: EncodeOptions = {}): Uint8Array {
  const opset = opts.opsetVersion ?? 17;
  const w = new ProtoWriter();
  w.int(MODEL.irVersion, irVersionForOpset(opset));
  w.string(MODEL.producerName, opts.producerName ?? 'llm-lab');
  w.message(MODEL.graph, (g) => writeGraph(g, graph));
  w.message(MODEL.opsetImport, (o) => o.string(OPSET_ID.domain, '').int(OPSET_ID.version, opset));
  const extras = [...(opts.extraOpsets ?? [])];
  // a node in another domain (com.microsoft contrib ops) needs that domain imported: version 1 unless given
  for (const d of new Set(graph.nodes.map((n) => n.domain ?? '').filter((d) => d !== '' && d !== 'ai.onnx'))) {
    if (!extras.some((e) => e.domain === d)) extras.push({ domain: d, version: 1 });
  }
  for (const extra of extras) {
    w.message(MODEL.opsetImport, (o) => o.string(OPSET_ID.domain, extra.domain).int(OPSET_ID.version, extra.version));
  }
  return w.finish();
}

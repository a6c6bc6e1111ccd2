// Decodes encodeModel's bytes with the independent reader in ./protoReader.ts, using field
// numbers copied by hand from onnx/onnx.proto (not from lib/onnx/schema.ts).
import { describe, expect, it } from 'vitest';
import { encodeModel, type OnnxGraph } from '@/lib/onnx';
import { all, bytes, float32, int, readFields, sint64, str, sub } from './protoReader';

const graph: OnnxGraph = {
  name: 'g',
  initializers: [{ name: 'W', dtype: 'float32', dims: [2, 1], data: Float32Array.from([1.5, -2]) }],
  inputs: [{ name: 'x', dtype: 'float32', dims: ['batch', 2] }],
  outputs: [{ name: 'y', dtype: 'float32', dims: ['batch', 1] }],
  nodes: [
    { opType: 'MatMul', inputs: ['x', 'W'], outputs: ['xw'], name: 'mm' },
    { opType: 'LeakyRelu', inputs: ['xw'], outputs: ['y'], attributes: { alpha: { float: 0.125 }, axes: { ints: [-1, 3] } } },
  ],
};

describe('encodeModel bytes, read back field by field', () => {
  const model = readFields(encodeModel(graph, { producerName: 'unit-test' }));

  it('sets ir_version 8 and imports ai.onnx opset 17 by default', () => {
    expect(int(model, 1)).toBe(8n); // ModelProto.ir_version = 1
    const opset = sub(model, 8); // ModelProto.opset_import = 8
    expect(str(opset, 1)).toBe(''); // OperatorSetIdProto.domain = 1
    expect(int(opset, 2)).toBe(17n); // OperatorSetIdProto.version = 2
    expect(str(model, 2)).toBe('unit-test'); // producer_name = 2
  });

  it('writes nodes in order with their inputs, outputs, name and op_type', () => {
    const g = sub(model, 7); // ModelProto.graph = 7
    expect(str(g, 2)).toBe('g'); // GraphProto.name = 2
    const nodes = all(g, 1).map((b) => readFields(b as Uint8Array)); // GraphProto.node = 1
    expect(nodes.map((n) => str(n, 4))).toEqual(['MatMul', 'LeakyRelu']); // NodeProto.op_type = 4
    expect(all(nodes[0], 1).map((b) => new TextDecoder().decode(b as Uint8Array))).toEqual(['x', 'W']); // input = 1
    expect(str(nodes[0], 2)).toBe('xw'); // output = 2
    expect(str(nodes[0], 3)).toBe('mm'); // name = 3
  });

  it('types attributes (FLOAT = 1, INTS = 7) and encodes negative ints as two\'s complement', () => {
    const node = readFields(all(sub(model, 7), 1)[1] as Uint8Array);
    const [alpha, axes] = all(node, 5).map((b) => readFields(b as Uint8Array)); // NodeProto.attribute = 5
    expect(str(alpha, 1)).toBe('alpha'); // AttributeProto.name = 1
    expect(int(alpha, 20)).toBe(1n); // AttributeProto.type = 20, FLOAT = 1
    expect(float32(alpha, 2)).toBe(0.125); // f = 2
    expect(int(axes, 20)).toBe(7n); // INTS = 7
    expect([sint64(axes, 8, 0), sint64(axes, 8, 1)]).toEqual([-1n, 3n]); // ints = 8
  });

  it('stores an initializer with dims, FLOAT data_type and little-endian raw_data', () => {
    const t = sub(sub(model, 7), 5); // GraphProto.initializer = 5
    expect([int(t, 1, 0), int(t, 1, 1)]).toEqual([2n, 1n]); // TensorProto.dims = 1
    expect(int(t, 2)).toBe(1n); // data_type = 2, FLOAT = 1
    expect(str(t, 8)).toBe('W'); // name = 8
    // raw_data = 9: 1.5f = 0x3FC00000, -2f = 0xC0000000, little-endian
    expect(Array.from(bytes(t, 9))).toEqual([0x00, 0x00, 0xc0, 0x3f, 0x00, 0x00, 0x00, 0xc0]);
  });

  it('describes an input with a symbolic and a fixed dimension', () => {
    const vi = sub(sub(model, 7), 11); // GraphProto.input = 11
    expect(str(vi, 1)).toBe('x'); // ValueInfoProto.name = 1
    const tensorType = sub(sub(vi, 2), 1); // ValueInfoProto.type = 2 → TypeProto.tensor_type = 1
    expect(int(tensorType, 1)).toBe(1n); // elem_type = 1 (FLOAT)
    const dims = all(sub(tensorType, 2), 1).map((b) => readFields(b as Uint8Array)); // shape = 2 → dim = 1
    expect(str(dims[0], 2)).toBe('batch'); // Dimension.dim_param = 2
    expect(int(dims[1], 1)).toBe(2n); // Dimension.dim_value = 1
  });
});

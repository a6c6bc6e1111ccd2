import { describe, expect, it } from 'vitest';
import { encodeModel, type OnnxGraph, type OnnxTensor } from '@/lib/onnx';
import { ort, runBytes } from './ortNode';

const f32 = (name: string, dims: number[], v: number[]): OnnxTensor => ({ name, dtype: 'float32', dims, data: Float32Array.from(v) });
const near = (got: ArrayLike<number>, want: number[], tol = 1e-6) => {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => expect(Math.abs(Number(got[i]) - w)).toBeLessThan(tol));
};

describe('encodeModel → onnxruntime-web (WASM, Node)', () => {
  it('runs softmax(x·W + b) to the hand-computed probabilities', async () => {
    // x = I₂, so z row r = W row r + b. Chosen so the softmax is exact:
    //   z₀ = [0, ln2, 0] → [1, 2, 1]/4;   z₁ = [ln3, 0, 0] → [3, 1, 1]/5.
    const { LN2 } = Math;
    const ln3 = Math.log(3);
    const graph: OnnxGraph = {
      name: 'mm_add_softmax',
      initializers: [f32('W', [2, 3], [0, 0, 0, ln3, -LN2, 0]), f32('b', [3], [0, LN2, 0])],
      inputs: [{ name: 'x', dtype: 'float32', dims: ['batch', 2] }],
      outputs: [
        { name: 'z', dtype: 'float32', dims: ['batch', 3] },
        { name: 'y', dtype: 'float32', dims: ['batch', 3] },
      ],
      nodes: [
        { opType: 'MatMul', inputs: ['x', 'W'], outputs: ['xw'], name: 'matmul' },
        { opType: 'Add', inputs: ['xw', 'b'], outputs: ['z'] },
        { opType: 'Softmax', inputs: ['z'], outputs: ['y'], attributes: { axis: { int: -1 } } },
      ],
    };
    const out = await runBytes(encodeModel(graph), { x: new ort.Tensor('float32', Float32Array.from([1, 0, 0, 1]), [2, 2]) });
    expect(out.y.dims).toEqual([2, 3]);
    near(out.z.data as Float32Array, [0, Math.LN2, 0, ln3, 0, 0]);
    near(out.y.data as Float32Array, [0.25, 0.5, 0.25, 0.6, 0.2, 0.2]);
  });

  it('gathers rows with int64 indices from an input and a negative int64 initializer', async () => {
    const graph: OnnxGraph = {
      name: 'gather',
      initializers: [
        f32('table', [4, 2], [0, 1, 10, 11, 20, 21, 30, 31]),
        { name: 'last', dtype: 'int64', dims: [1], data: BigInt64Array.from([-1n]) },
      ],
      inputs: [{ name: 'ids', dtype: 'int64', dims: ['n'] }],
      outputs: [
        { name: 'rows', dtype: 'float32', dims: ['n', 2] },
        { name: 'lastCol', dtype: 'float32', dims: [4, 1] },
      ],
      nodes: [
        { opType: 'Gather', inputs: ['table', 'ids'], outputs: ['rows'], attributes: { axis: { int: 0 } } },
        { opType: 'Gather', inputs: ['table', 'last'], outputs: ['lastCol'], attributes: { axis: { int: 1 } } },
      ],
    };
    const out = await runBytes(encodeModel(graph), { ids: new ort.Tensor('int64', BigInt64Array.from([3n, 0n, 3n]), [3]) });
    expect(Array.from(out.rows.data as Float32Array)).toEqual([30, 31, 0, 1, 30, 31]);
    expect(Array.from(out.lastCol.data as Float32Array)).toEqual([1, 11, 21, 31]);
  });

  it('carries attributes of every kind: int, ints, float, floats, string, tensor', async () => {
    const graph: OnnxGraph = {
      name: 'attrs',
      initializers: [],
      inputs: [{ name: 'x', dtype: 'float32', dims: [1, 3] }],
      outputs: [
        { name: 'padded', dtype: 'float32', dims: [1, 5] },
        { name: 'leaky', dtype: 'float32', dims: [3, 1] },
        { name: 'consts', dtype: 'float32', dims: [3] },
      ],
      nodes: [
        // tensor attribute (int64 data) → pads = [0, 1, 0, 1]: one column each side of axis 1
        { opType: 'Constant', inputs: [], outputs: ['pads'], attributes: { value: { tensor: { name: '', dtype: 'int64', dims: [4], data: BigInt64Array.from([0n, 1n, 0n, 1n]) } } } },
        // string attribute: reflect [1,2,3] → [2,1,2,3,2] (constant mode would give [0,1,2,3,0])
        { opType: 'Pad', inputs: ['x', 'pads'], outputs: ['padded'], attributes: { mode: { string: 'reflect' } } },
        // ints attribute: transpose [1,3] → [3,1]
        { opType: 'Transpose', inputs: ['x'], outputs: ['xt'], attributes: { perm: { ints: [1, 0] } } },
        { opType: 'Neg', inputs: ['xt'], outputs: ['negxt'] },
        // float attribute: leaky relu with alpha 0.25 on [-1,-2,-3] → [-0.25,-0.5,-0.75]
        { opType: 'LeakyRelu', inputs: ['negxt'], outputs: ['leaky'], attributes: { alpha: { float: 0.25 } } },
        // floats attribute: Constant value_floats
        { opType: 'Constant', inputs: [], outputs: ['consts'], attributes: { value_floats: { floats: [0.5, -1.25, 3e-3] } } },
      ],
    };
    const out = await runBytes(encodeModel(graph), { x: new ort.Tensor('float32', Float32Array.from([1, 2, 3]), [1, 3]) });
    expect(Array.from(out.padded.data as Float32Array)).toEqual([2, 1, 2, 3, 2]);
    expect(out.leaky.dims).toEqual([3, 1]);
    near(out.leaky.data as Float32Array, [-0.25, -0.5, -0.75]);
    near(out.consts.data as Float32Array, [0.5, -1.25, 3e-3]);
  });

  it('stores float16, int32, int8, uint8 and bool initializers as raw little-endian bytes', async () => {
    // float16 bit patterns derived by hand (sign | 5-bit exponent, bias 15 | 10-bit mantissa):
    //   1.5 = 0 01111 1000000000 = 0x3E00;  -2 = 1 10000 0000000000 = 0xC000;  0.5 = 0x3800
    const ts: OnnxTensor[] = [
      { name: 'h', dtype: 'float16', dims: [3], data: Uint16Array.from([0x3e00, 0xc000, 0x3800]) },
      { name: 'i32', dtype: 'int32', dims: [3], data: Int32Array.from([-7, 100000, 0]) },
      { name: 'i8', dtype: 'int8', dims: [3], data: Int8Array.from([-128, 127, -1]) },
      { name: 'u8', dtype: 'uint8', dims: [3], data: Uint8Array.from([255, 0, 17]) },
      { name: 'b', dtype: 'bool', dims: [3], data: Uint8Array.from([1, 0, 1]) },
    ];
    const graph: OnnxGraph = {
      name: 'dtypes',
      initializers: ts,
      inputs: [],
      outputs: ts.map((t) => ({ name: `${t.name}_f`, dtype: 'float32' as const, dims: [3] })),
      nodes: ts.map((t) => ({ opType: 'Cast', inputs: [t.name], outputs: [`${t.name}_f`], attributes: { to: { int: 1 } } })),
    };
    const out = await runBytes(encodeModel(graph), {});
    const get = (n: string) => Array.from(out[`${n}_f`].data as Float32Array);
    expect(get('h')).toEqual([1.5, -2, 0.5]);
    expect(get('i32')).toEqual([-7, 100000, 0]);
    expect(get('i8')).toEqual([-128, 127, -1]);
    expect(get('u8')).toEqual([255, 0, 17]);
    expect(get('b')).toEqual([1, 0, 1]);
  });

  it('loads at opset 21 (IR 10) with a com.microsoft opset imported', async () => {
    const graph: OnnxGraph = {
      name: 'gelu',
      initializers: [],
      inputs: [{ name: 'x', dtype: 'float32', dims: [2] }],
      outputs: [{ name: 'y', dtype: 'float32', dims: [2] }],
      nodes: [{ opType: 'Gelu', domain: 'com.microsoft', inputs: ['x'], outputs: ['y'] }],
    };
    const bytes = encodeModel(graph, { opsetVersion: 21, extraOpsets: [{ domain: 'com.microsoft', version: 1 }] });
    const out = await runBytes(bytes, { x: new ort.Tensor('float32', Float32Array.from([0, 1]), [2]) });
    // exact GELU: x·Φ(x); Φ(1) = 0.841344746 (standard normal CDF table value)
    near(out.y.data as Float32Array, [0, 0.841344746], 1e-5);
  });

  it('rejects a tensor whose data length disagrees with its dims', () => {
    const bad: OnnxGraph = { name: 'bad', nodes: [], inputs: [], outputs: [], initializers: [f32('w', [2, 2], [1, 2, 3])] };
    expect(() => encodeModel(bad)).toThrow(/dims \[2, 2\] hold 4 elements, data has 3/);
  });

  it('rejects a typed array that does not match the dtype', () => {
    const bad: OnnxGraph = { name: 'bad', nodes: [], inputs: [], outputs: [], initializers: [{ name: 'w', dtype: 'int64', dims: [1], data: Int32Array.from([1]) }] };
    expect(() => encodeModel(bad)).toThrow(/int64 needs a BigInt64Array/);
  });
});

/**
 * The Tensor value: a flat, row-major typed array plus its shape. Nothing else (no strides, no
 * views): every kernel returns a fresh contiguous tensor, which keeps the reference easy to read.
 *
 * Example: the 2×3 matrix [[1, 2, 3], [4, 5, 6]] is {data: Float32Array [1, 2, 3, 4, 5, 6], shape: [2, 3]}.
 */

export type FloatData = Float32Array;
export type IntData = Int32Array | BigInt64Array;
/** Booleans are bytes: 1 = true, 0 = false (what ONNX 'bool' tensors hold). */
export type BoolData = Uint8Array;
export type TensorData = FloatData | IntData | BoolData;

export interface Tensor<D extends TensorData = Float32Array> {
  data: D;
  shape: number[];
}
export type IntTensor = Tensor<IntData>;
export type BoolTensor = Tensor<BoolData>;
export type AnyTensor = Tensor<TensorData>;

/** Number of elements of a shape: size([2, 3, 4]) = 24; size([]) = 1 (a scalar). */
export function size(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides: strides([2, 3, 4]) = [12, 4, 1]. */
export function strides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/** A float tensor, checking that data and shape agree. */
export function tensor(data: Float32Array | number[], shape: number[]): Tensor {
  const d = data instanceof Float32Array ? data : Float32Array.from(data);
  if (d.length !== size(shape)) throw new Error(`tensor: ${d.length} values do not fill shape [${shape}]`);
  return { data: d, shape: [...shape] };
}

export function zeros(shape: number[]): Tensor {
  return { data: new Float32Array(size(shape)), shape: [...shape] };
}

/** Int64 ids, the dtype ONNX graphs take for token ids: ids([1, 2, 3]) has shape [1, 3]. */
export function ids(values: number[], shape: number[] = [1, values.length]): Tensor<BigInt64Array> {
  if (values.length !== size(shape)) throw new Error(`ids: ${values.length} values do not fill shape [${shape}]`);
  return { data: BigInt64Array.from(values, (v) => BigInt(v)), shape: [...shape] };
}

/** Reads element i of any tensor data as a JS number. */
export function at(data: TensorData, i: number): number {
  return Number(data[i]);
}

/** Normalizes a possibly negative axis: axis(-1, 3) = 2. */
export function axisOf(axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) throw new Error(`axis ${axis} is out of range for rank ${rank}`);
  return a;
}

/** NumPy broadcasting of two shapes: broadcastShapes([2, 1, 4], [3, 1]) = [2, 3, 4]. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const r = Math.max(a.length, b.length);
  const out = new Array<number>(r);
  for (let i = 0; i < r; i++) {
    const da = a[a.length - r + i] ?? 1;
    const db = b[b.length - r + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw new Error(`cannot broadcast [${a}] with [${b}]`);
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Strides of `shape` seen through a broadcast to `outShape` (0 where the dim is broadcast):
 * broadcastStrides([3, 1], [2, 3, 4]) = [0, 1, 0].
 */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const s = strides(shape);
  const off = outShape.length - shape.length;
  return outShape.map((_, i) => (i < off || shape[i - off] === 1 ? 0 : s[i - off]));
}

/**
 * Shape kernels: reshape, transpose, concat, split, slice, gather, expand. All return contiguous
 * copies (reshape shares the data: a row-major reshape moves nothing).
 *
 *   reshape([2, 3, 4] → [0, -1]) = [2, 12]       ONNX rules: 0 copies the input dim, -1 infers
 *   transpose([2, 3, 4], perm [0, 2, 1]) = [2, 4, 3]
 *   gather(table [V, C], ids [1, T]) = [1, T, C]  rows of the table, like an embedding lookup
 */
import { axisOf, broadcastShapes, broadcastStrides, size, strides, type Tensor, type TensorData } from './tensor';
import { forEachIndex } from './elementwise';

type T<D extends TensorData> = Tensor<D>;

/** Resolves an ONNX-style target shape (0 = keep that input dim, -1 = infer one dim). */
export function resolveShape(from: readonly number[], target: readonly number[]): number[] {
  const out = target.map((d, i) => (d === 0 ? from[i] : d));
  const known = out.reduce((p, d) => (d === -1 ? p : p * d), 1);
  const inferred = out.filter((d) => d === -1).length;
  if (inferred > 1) throw new Error(`reshape: more than one -1 in [${target}]`);
  const n = size(from);
  if (inferred === 1) {
    if (known === 0 || n % known !== 0) throw new Error(`reshape: cannot infer [${target}] from [${from}]`);
    out[out.indexOf(-1)] = n / known;
  }
  if (size(out) !== n) throw new Error(`reshape: [${from}] has ${n} elements, [${out}] has ${size(out)}`);
  return out;
}

export function reshape<D extends TensorData>(x: T<D>, shape: readonly number[]): T<D> {
  return { data: x.data, shape: resolveShape(x.shape, shape) };
}

function like<D extends TensorData>(d: D, n: number): D {
  return new (d.constructor as new (n: number) => D)(n);
}

export function transpose<D extends TensorData>(x: T<D>, perm: readonly number[]): T<D> {
  if (perm.length !== x.shape.length) throw new Error(`transpose: perm [${perm}] for rank ${x.shape.length}`);
  const shape = perm.map((p) => x.shape[p]);
  const inS = strides(x.shape);
  const ps = perm.map((p) => inS[p]);
  const out = like(x.data, x.data.length);
  const src = x.data as unknown as number[];
  const dst = out as unknown as number[];
  forEachIndex(shape, (i, idx) => {
    let o = 0;
    for (let d = 0; d < idx.length; d++) o += idx[d] * ps[d];
    dst[i] = src[o];
  });
  return { data: out, shape };
}

export function concat<D extends TensorData>(xs: T<D>[], axis: number): T<D> {
  const rank = xs[0].shape.length;
  const ax = axisOf(axis, rank);
  const outer = size(xs[0].shape.slice(0, ax));
  const total = xs.reduce((s, x) => s + x.shape[ax], 0);
  const shape = [...xs[0].shape];
  shape[ax] = total;
  const out = like(xs[0].data, size(shape));
  const dst = out as unknown as { set(a: ArrayLike<unknown>, o: number): void };
  const inner = size(shape.slice(ax + 1));
  let off = 0;
  for (const x of xs) {
    const w = x.shape[ax] * inner;
    for (let o = 0; o < outer; o++) dst.set(x.data.subarray(o * w, (o + 1) * w) as ArrayLike<unknown>, o * total * inner + off);
    off += w;
  }
  return { data: out, shape };
}

/** Elements [start, end) along one axis. */
export function slice<D extends TensorData>(x: T<D>, axis: number, start: number, end: number): T<D> {
  const ax = axisOf(axis, x.shape.length);
  const len = x.shape[ax];
  const s = Math.max(0, Math.min(len, start < 0 ? start + len : start));
  const e = Math.max(s, Math.min(len, end < 0 ? end + len : end));
  const outer = size(x.shape.slice(0, ax));
  const inner = size(x.shape.slice(ax + 1));
  const shape = [...x.shape];
  shape[ax] = e - s;
  const out = like(x.data, size(shape));
  const dst = out as unknown as { set(a: ArrayLike<unknown>, o: number): void };
  for (let o = 0; o < outer; o++) {
    const from = (o * len + s) * inner;
    dst.set(x.data.subarray(from, from + (e - s) * inner) as ArrayLike<unknown>, o * (e - s) * inner);
  }
  return { data: out, shape };
}

/** Splits one axis into pieces of the given sizes: split(x [2, 6], 1, [2, 4]) = [[2, 2], [2, 4]]. */
export function split<D extends TensorData>(x: T<D>, axis: number, sizes: readonly number[]): T<D>[] {
  const out: T<D>[] = [];
  let s = 0;
  for (const n of sizes) {
    out.push(slice(x, axis, s, s + n));
    s += n;
  }
  return out;
}

/** Rows of a [V, ...] table picked by integer ids of any shape: out shape = [...ids.shape, ...row]. */
export function gather(table: Tensor, ids: { data: TensorData; shape: number[] }): Tensor {
  const rowShape = table.shape.slice(1);
  const w = size(rowShape);
  const V = table.shape[0];
  const out = new Float32Array(ids.data.length * w);
  for (let i = 0; i < ids.data.length; i++) {
    const id = Number(ids.data[i]);
    if (!Number.isInteger(id) || id < 0 || id >= V) throw new Error(`gather: id ${id} is outside the table of ${V} rows`);
    out.set(table.data.subarray(id * w, (id + 1) * w), i * w);
  }
  return { data: out, shape: [...ids.shape, ...rowShape] };
}

/** Broadcasts x to `shape` (ONNX Expand: bidirectional, so a 1 in `shape` keeps x's dim). */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  const outShape = broadcastShapes(x.shape, shape);
  const st = broadcastStrides(x.shape, outShape);
  const out = new Float32Array(size(outShape));
  forEachIndex(outShape, (i, idx) => {
    let o = 0;
    for (let d = 0; d < idx.length; d++) o += idx[d] * st[d];
    out[i] = x.data[o];
  });
  return { data: out, shape: outShape };
}

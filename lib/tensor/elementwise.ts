/**
 * Elementwise kernels: binary ops with NumPy broadcasting, and the activations the models use.
 *
 *   add([2, 3], [3]) → [2, 3]     (the [3] row is added to both rows)
 *   gelu(x) = 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))    (the tanh approximation, GPT-2)
 *   silu(x) = x · σ(x)                                        (SwiGLU's gate, Llama)
 */
import { broadcastShapes, broadcastStrides, size, type Tensor, type TensorData } from './tensor';

type Bin = (x: number, y: number) => number;

/** out[i] = f(a[ia], b[ib]) over the broadcast shape; fast paths for equal shapes and a trailing row. */
export function binary(a: Tensor, b: Tensor, f: Bin): Tensor {
  const shape = broadcastShapes(a.shape, b.shape);
  const n = size(shape);
  const out = new Float32Array(n);
  const A = a.data;
  const B = b.data;
  if (A.length === n && B.length === n) {
    for (let i = 0; i < n; i++) out[i] = f(A[i], B[i]);
  } else if (A.length === n && n % B.length === 0 && trailing(b.shape, shape)) {
    const m = B.length;
    for (let i = 0; i < n; i++) out[i] = f(A[i], B[i % m]);
  } else if (B.length === n && n % A.length === 0 && trailing(a.shape, shape)) {
    const m = A.length;
    for (let i = 0; i < n; i++) out[i] = f(A[i % m], B[i]);
  } else {
    const sa = broadcastStrides(a.shape, shape);
    const sb = broadcastStrides(b.shape, shape);
    forEachIndex(shape, (i, idx) => {
      let ia = 0;
      let ib = 0;
      for (let d = 0; d < shape.length; d++) {
        ia += idx[d] * sa[d];
        ib += idx[d] * sb[d];
      }
      out[i] = f(A[ia], B[ib]);
    });
  }
  return { data: out, shape };
}

/** True when `small` broadcasts to `full` by repetition of a contiguous tail (e.g. [C] → [T, C]). */
function trailing(small: readonly number[], full: readonly number[]): boolean {
  let s = 0;
  while (s < small.length && small[s] === 1) s++;
  const rest = small.slice(s);
  if (rest.length > full.length) return false;
  return rest.every((d, i) => d === full[full.length - rest.length + i]);
}

/** Calls f(flatIndex, multiIndex) for every element of `shape` in row-major order. */
export function forEachIndex(shape: readonly number[], f: (i: number, idx: number[]) => void): void {
  const n = size(shape);
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    f(i, idx);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
}

export const add = (a: Tensor, b: Tensor): Tensor => arith(a, b, ADD) ?? binary(a, b, (x, y) => x + y);
export const sub = (a: Tensor, b: Tensor): Tensor => arith(a, b, SUB) ?? binary(a, b, (x, y) => x - y);
export const mul = (a: Tensor, b: Tensor): Tensor => arith(a, b, MUL) ?? binary(a, b, (x, y) => x * y);
export const div = (a: Tensor, b: Tensor): Tensor => arith(a, b, DIV) ?? binary(a, b, (x, y) => x / y);

const ADD = 0, SUB = 1, MUL = 2, DIV = 3;

/**
 * binary()'s two common layouts (equal lengths; one operand a repeated trailing block) with the
 * operator written into the loop instead of called per element; null for any other broadcast.
 */
function arith(a: Tensor, b: Tensor, op: number): Tensor | null {
  const A = a.data;
  const B = b.data;
  const n = Math.max(A.length, B.length);
  let ma: number;
  let mb: number;
  if (A.length === n && B.length === n) {
    if (a.shape.length !== b.shape.length) return null;
    ma = mb = n;
  } else if (A.length === n && B.length > 0 && n % B.length === 0 && b.shape.length <= a.shape.length && trailing(b.shape, a.shape)) {
    ma = n;
    mb = B.length;
  } else if (B.length === n && A.length > 0 && n % A.length === 0 && a.shape.length <= b.shape.length && trailing(a.shape, b.shape)) {
    ma = A.length;
    mb = n;
  } else return null;
  const shape = broadcastShapes(a.shape, b.shape);
  if (size(shape) !== n) return null;
  const out = new Float32Array(n);
  for (let o = 0; o < n; o += Math.min(ma, mb)) {
    const oa = ma === n ? o : 0;
    const ob = mb === n ? o : 0;
    const m = Math.min(ma, mb);
    if (op === ADD) for (let i = 0; i < m; i++) out[o + i] = A[oa + i] + B[ob + i];
    else if (op === SUB) for (let i = 0; i < m; i++) out[o + i] = A[oa + i] - B[ob + i];
    else if (op === MUL) for (let i = 0; i < m; i++) out[o + i] = A[oa + i] * B[ob + i];
    else for (let i = 0; i < m; i++) out[o + i] = A[oa + i] / B[ob + i];
  }
  return { data: out, shape };
}

/** out[i] = f(x[i]). */
export function unary(x: Tensor, f: (v: number) => number): Tensor {
  const out = new Float32Array(x.data.length);
  for (let i = 0; i < out.length; i++) out[i] = f(x.data[i]);
  return { data: out, shape: [...x.shape] };
}

export const scale = (x: Tensor, s: number): Tensor => unary(x, (v) => v * s);
export const neg = (x: Tensor): Tensor => unary(x, (v) => -v);
export const sin = (x: Tensor): Tensor => unary(x, Math.sin);
export const cos = (x: Tensor): Tensor => unary(x, Math.cos);

const GELU_K = Math.sqrt(2 / Math.PI);
export const geluScalar = (v: number): number => 0.5 * v * (1 + Math.tanh(GELU_K * (v + 0.044715 * v * v * v)));
export const siluScalar = (v: number): number => v / (1 + Math.exp(-v));
export const gelu = (x: Tensor): Tensor => unary(x, geluScalar);
export const silu = (x: Tensor): Tensor => unary(x, siluScalar);

/** Converts any numeric tensor data to float32 (ints and bools alike). */
export function toFloat(t: { data: TensorData; shape: number[] }): Tensor {
  if (t.data instanceof Float32Array) return { data: t.data, shape: [...t.shape] };
  const out = new Float32Array(t.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Number(t.data[i]);
  return { data: out, shape: [...t.shape] };
}

/** Bool tensor (bytes) of a > s elementwise. */
export function greater(a: Tensor, s: number): { data: Uint8Array; shape: number[] } {
  const out = new Uint8Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = a.data[i] > s ? 1 : 0;
  return { data: out, shape: [...a.shape] };
}

/** where(cond, value, x): value where cond is true, else x; cond broadcasts to x's shape. */
export function where(cond: { data: Uint8Array; shape: number[] }, value: number, x: Tensor): Tensor {
  const c: Tensor = { data: Float32Array.from(cond.data), shape: cond.shape };
  return binary(c, x, (ci, xi) => (ci ? value : xi));
}

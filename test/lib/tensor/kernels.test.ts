import { describe, expect, it } from 'vitest';
import {
  add, argmax, binary, broadcastShapes, div, sub, causalMask, concat, expand, gather, gelu, ids, layerNorm, linear, matmul,
  mul, reshape, rmsNorm, silu, slice, softmax, split, tensor, topk, transpose,
} from '@/lib/tensor';

const arr = (t: { data: ArrayLike<number> }): number[] => Array.from(t.data);

describe('matmul', () => {
  it('multiplies [[1,2],[3,4]] by [[5],[6]] into [[17],[39]]', () => {
    const c = matmul(tensor([1, 2, 3, 4], [2, 2]), tensor([5, 6], [2, 1]));
    expect(c.shape).toEqual([2, 1]);
    expect(arr(c)).toEqual([17, 39]);
  });
  it('transB computes a · bᵀ and transA computes aᵀ · b', () => {
    const a = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    const b = tensor([1, 0, 1, 0, 1, 0], [2, 3]);
    // a·bᵀ: rows of a dotted with rows of b: [[1+3, 2], [4+6, 5]]
    expect(arr(matmul(a, b, { transB: true }))).toEqual([4, 2, 10, 5]);
    // aᵀ·b: [3,2]·[2,3]; aᵀ = [[1,4],[2,5],[3,6]]
    expect(arr(matmul(a, b, { transA: true }))).toEqual([1, 4, 1, 2, 5, 2, 3, 6, 3]);
  });
  it('broadcasts batch dims: [2, 1, 2] · [2, 1] gives [2, 1, 1]', () => {
    const c = matmul(tensor([1, 2, 3, 4], [2, 1, 2]), tensor([10, 1], [2, 1]));
    expect(c.shape).toEqual([2, 1, 1]);
    expect(arr(c)).toEqual([12, 34]);
  });
  it('agrees with the naive triple loop on odd sizes in all four transpose modes', () => {
    const M = 5, K = 7, N = 66;
    const A = Float32Array.from({ length: M * K }, (_, i) => Math.sin(i));
    const B = Float32Array.from({ length: K * N }, (_, i) => Math.cos(i));
    const ref = new Float64Array(M * N);
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) for (let k = 0; k < K; k++) ref[i * N + j] += A[i * K + k] * B[k * N + j];
    const At = transpose(tensor(A, [M, K]), [1, 0]);
    const Bt = transpose(tensor(B, [K, N]), [1, 0]);
    for (const [a, b, o] of [[tensor(A, [M, K]), tensor(B, [K, N]), {}], [At, tensor(B, [K, N]), { transA: true }], [tensor(A, [M, K]), Bt, { transB: true }], [At, Bt, { transA: true, transB: true }]] as const) {
      const c = matmul(a, b, o);
      c.data.forEach((v, i) => expect(v).toBeCloseTo(ref[i], 4));
    }
  });
  it('agrees with the naive triple loop on tile edges, long K (B in column blocks) and broadcast batches', () => {
    const naive = (A: Float32Array, B: Float32Array, M: number, K: number, N: number, ta: boolean, tb: boolean): Float64Array => {
      const r = new Float64Array(M * N);
      for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) for (let k = 0; k < K; k++) r[i * N + j] += (ta ? A[k * M + i] : A[i * K + k]) * (tb ? B[j * K + k] : B[k * N + j]);
      return r;
    };
    const cases: [number, number, number][] = [[1, 3, 5], [2, 9, 7], [3, 4, 4], [4, 1, 4], [5, 13, 9], [9, 4100, 11], [8, 2, 17]];
    for (const [M, K, N] of cases) {
      const A = Float32Array.from({ length: M * K }, (_, i) => Math.sin(i * 0.7 + M));
      const B = Float32Array.from({ length: K * N }, (_, i) => Math.cos(i * 1.3 + N));
      for (const ta of [false, true]) {
        for (const tb of [false, true]) {
          const ref = naive(A, B, M, K, N, ta, tb);
          const c = matmul(tensor(A, ta ? [K, M] : [M, K]), tensor(B, tb ? [N, K] : [K, N]), { transA: ta, transB: tb });
          expect(c.shape).toEqual([M, N]);
          const tol = 1e-5 * Math.sqrt(K) * 4;
          c.data.forEach((v, i) => expect(Math.abs(v - ref[i])).toBeLessThan(tol));
        }
      }
    }
    // [2, 1, 5, 6] · [3, 6, 7] → [2, 3, 5, 7]: each output block uses the right a and b offsets.
    const a = tensor(Float32Array.from({ length: 2 * 5 * 6 }, (_, i) => Math.sin(i)), [2, 1, 5, 6]);
    const b = tensor(Float32Array.from({ length: 3 * 6 * 7 }, (_, i) => Math.cos(i)), [3, 6, 7]);
    for (const tb of [false, true]) {
      const bb = tb ? transpose(b, [0, 2, 1]) : b;
      const c = matmul(a, bb, { transB: tb });
      expect(c.shape).toEqual([2, 3, 5, 7]);
      for (let x = 0; x < 2; x++) {
        for (let y = 0; y < 3; y++) {
          const ref = naive(a.data.subarray(x * 30, x * 30 + 30), b.data.subarray(y * 42, y * 42 + 42), 5, 6, 7, false, false);
          const o = (x * 3 + y) * 35;
          ref.forEach((v, i) => expect(c.data[o + i]).toBeCloseTo(v, 5));
        }
      }
    }
  });
  it('linear is x · Wᵀ + b with W stored [out, in]', () => {
    const y = linear(tensor([1, 2], [1, 2]), tensor([1, 1, 1, -1, 0, 3], [3, 2]), tensor([0, 0, 1], [3]));
    expect(arr(y)).toEqual([3, -1, 7]);
  });
});

describe('elementwise', () => {
  it('broadcasts a row over a matrix and a column over a row', () => {
    expect(broadcastShapes([2, 1, 4], [3, 1])).toEqual([2, 3, 4]);
    expect(arr(add(tensor([1, 2, 3, 4, 5, 6], [2, 3]), tensor([10, 20, 30], [3])))).toEqual([11, 22, 33, 14, 25, 36]);
    expect(arr(mul(tensor([1, 2], [2, 1]), tensor([1, 10, 100], [1, 3])))).toEqual([1, 10, 100, 2, 20, 200]);
  });
  it('add, sub, mul and div equal binary() with the operator as a function, in every broadcast layout', () => {
    const t = (shape: number[], k: number) => tensor(Float32Array.from({ length: shape.reduce((x, y) => x * y, 1) }, (_, i) => Math.sin(i + k) + 2), shape);
    const pairs: [number[], number[]][] = [[[2, 3], [2, 3]], [[2, 3], [3]], [[3], [2, 3]], [[1, 2, 3], [2, 3]], [[1, 6], [6, 1]], [[6], [1, 6]], [[2, 1, 3], [4, 1]]];
    const ops = [[add, (x: number, y: number) => x + y], [sub, (x: number, y: number) => x - y], [mul, (x: number, y: number) => x * y], [div, (x: number, y: number) => x / y]] as const;
    for (const [sa, sb] of pairs) {
      for (const [op, f] of ops) {
        const want = binary(t(sa, 1), t(sb, 2), f);
        const got = op(t(sa, 1), t(sb, 2));
        expect(got.shape).toEqual(want.shape);
        expect(Array.from(got.data)).toEqual(Array.from(want.data));
      }
    }
  });
  it('gelu(tanh) matches hand values: gelu(0)=0, gelu(1)≈0.841192, gelu(-1)≈-0.158808', () => {
    const g = gelu(tensor([0, 1, -1], [3]));
    expect(g.data[0]).toBe(0);
    expect(g.data[1]).toBeCloseTo(0.841192, 5);
    expect(g.data[2]).toBeCloseTo(-0.158808, 5);
  });
  it('silu(x) = x·σ(x): silu(0)=0, silu(2)=2/(1+e⁻²)', () => {
    const s = silu(tensor([0, 2], [2]));
    expect(s.data[0]).toBe(0);
    expect(s.data[1]).toBeCloseTo(2 / (1 + Math.exp(-2)), 6);
  });
});

describe('softmax and norms', () => {
  it('softmax([0, ln 3]) = [0.25, 0.75] and -∞ gets exactly 0', () => {
    expect(softmax(tensor([0, Math.log(3)], [1, 2])).data[1]).toBeCloseTo(0.75, 6);
    expect(arr(softmax(tensor([1, -Infinity], [1, 2])))).toEqual([1, 0]);
  });
  it('layerNorm of [1, 2, 3] is [-√1.5, 0, √1.5] (biased variance 2/3)', () => {
    const y = layerNorm(tensor([1, 2, 3], [1, 3]), tensor([1, 1, 1], [3]), tensor([0, 0, 0], [3]), 0);
    expect(y.data[0]).toBeCloseTo(-Math.sqrt(1.5), 5);
    expect(y.data[1]).toBeCloseTo(0, 6);
    expect(y.data[2]).toBeCloseTo(Math.sqrt(1.5), 5);
  });
  it('rmsNorm of [3, 4] is [3, 4]/√12.5, times the weight', () => {
    const y = rmsNorm(tensor([3, 4], [1, 2]), tensor([1, 2], [2]), 0);
    expect(y.data[0]).toBeCloseTo(3 / Math.sqrt(12.5), 6);
    expect(y.data[1]).toBeCloseTo(8 / Math.sqrt(12.5), 6);
  });
});

describe('shape kernels', () => {
  const x = tensor([0, 1, 2, 3, 4, 5], [2, 3]);
  it('reshape follows ONNX rules (0 keeps a dim, -1 infers)', () => {
    expect(reshape(tensor(new Float32Array(24), [2, 3, 4]), [0, -1]).shape).toEqual([2, 12]);
    expect(() => reshape(x, [4, -1])).toThrow(/cannot infer/);
  });
  it('transpose of [[0,1,2],[3,4,5]] is [[0,3],[1,4],[2,5]]', () => {
    expect(arr(transpose(x, [1, 0]))).toEqual([0, 3, 1, 4, 2, 5]);
  });
  it('concat, slice and split along the last axis undo each other', () => {
    const [a, b] = split(x, 1, [1, 2]);
    expect(arr(a)).toEqual([0, 3]);
    expect(arr(b)).toEqual([1, 2, 4, 5]);
    expect(arr(concat([a, b], -1))).toEqual(arr(x));
    expect(arr(slice(x, 0, 1, 2))).toEqual([3, 4, 5]);
  });
  it('gather picks table rows by int64 ids and rejects an id outside the table', () => {
    const g = gather(x, ids([1, 0, 1]));
    expect(g.shape).toEqual([1, 3, 3]);
    expect(arr(g)).toEqual([3, 4, 5, 0, 1, 2, 3, 4, 5]);
    expect(() => gather(x, ids([2]))).toThrow(/outside the table/);
  });
  it('expand repeats along dims of size 1', () => {
    const e = expand(tensor([1, 2], [2, 1]), [1, 3]);
    expect(e.shape).toEqual([2, 3]);
    expect(arr(e)).toEqual([1, 1, 1, 2, 2, 2]);
  });
});

describe('mask and reductions', () => {
  it('causalMask hides future keys, shifted by the cached past', () => {
    const m = causalMask(tensor(new Float32Array(6), [2, 3]), 1);
    expect(arr(m)).toEqual([0, 0, -Infinity, 0, 0, 0]);
  });
  it('argmax and topk pick the largest entries, ties to the lower index', () => {
    expect(Array.from(argmax(tensor([1, 5, 2, 7, 0, 7], [2, 3])))).toEqual([1, 0]);
    const t = topk(tensor([3, 1, 4, 1, 5], [5]), 2);
    expect(Array.from(t.indices)).toEqual([4, 2]);
    expect(Array.from(t.values)).toEqual([5, 4]);
  });
});

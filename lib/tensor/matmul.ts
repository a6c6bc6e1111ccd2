/**
 * Matrix multiply with optional transposes and NumPy-style batch broadcasting.
 *
 *   matmul(a [..., M, K], b [..., K, N])                 → [..., M, N]
 *   matmul(a, b [..., N, K], {transB: true})             → a · bᵀ   (a Linear: x · Wᵀ)
 *   matmul(a [..., K, M], b, {transA: true})             → aᵀ · b
 *
 * Kernels: no allocation inside loops; the inner loop always walks contiguous memory.
 *   NN: for i, for k: C[i, :] += A[i, k] · B[k, :]   (row-axpy, cache friendly)
 *   NT: C[i, j] = dot(A[i, :], B[j, :])               (two contiguous rows, 4-way unrolled)
 *   TN/TT: A is read down a column (stride M); B as in NN/NT.
 * Rows are processed in blocks of 64 columns of B for NN so a block of C stays in cache.
 *
 * Example: [[1, 2], [3, 4]] · [[5], [6]] = [[17], [39]].
 */
import { broadcastShapes, broadcastStrides, size, type Tensor } from './tensor';

export interface MatmulOptions {
  transA?: boolean;
  transB?: boolean;
}

export function matmul(a: Tensor, b: Tensor, opts: MatmulOptions = {}): Tensor {
  const { transA = false, transB = false } = opts;
  if (a.shape.length < 2 || b.shape.length < 2) throw new Error('matmul needs rank ≥ 2 operands');
  const ra = a.shape.length;
  const rb = b.shape.length;
  const [M, Ka] = transA ? [a.shape[ra - 1], a.shape[ra - 2]] : [a.shape[ra - 2], a.shape[ra - 1]];
  const [Kb, N] = transB ? [b.shape[rb - 1], b.shape[rb - 2]] : [b.shape[rb - 2], b.shape[rb - 1]];
  if (Ka !== Kb) throw new Error(`matmul: inner dims differ ([${a.shape}] vs [${b.shape}], transA=${transA}, transB=${transB})`);
  const K = Ka;
  const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const nb = size(batch);
  const sa = broadcastStrides(a.shape.slice(0, -2), batch);
  const sb = broadcastStrides(b.shape.slice(0, -2), batch);
  const out = new Float32Array(nb * M * N);
  const idx = new Array<number>(batch.length).fill(0);
  for (let bi = 0; bi < nb; bi++) {
    let oa = 0;
    let ob = 0;
    for (let d = 0; d < batch.length; d++) {
      oa += idx[d] * sa[d];
      ob += idx[d] * sb[d];
    }
    gemm(a.data, oa * M * K, b.data, ob * K * N, out, bi * M * N, M, N, K, transA, transB);
    for (let d = batch.length - 1; d >= 0; d--) {
      if (++idx[d] < batch[d]) break;
      idx[d] = 0;
    }
  }
  return { data: out, shape: [...batch, M, N] };
}

/** C[M, N] = op(A) · op(B) on flat arrays at the given offsets (C is zero on entry). */
function gemm(
  A: Float32Array, ao: number, B: Float32Array, bo: number, C: Float32Array, co: number,
  M: number, N: number, K: number, transA: boolean, transB: boolean,
): void {
  if (!transB) {
    // C[i, j0:j1] += a(i, k) · B[k, j0:j1]; a(i, k) = A[i, k] or A[k, i].
    const JB = 64;
    for (let j0 = 0; j0 < N; j0 += JB) {
      const j1 = Math.min(N, j0 + JB);
      for (let i = 0; i < M; i++) {
        const ci = co + i * N;
        for (let k = 0; k < K; k++) {
          const aik = transA ? A[ao + k * M + i] : A[ao + i * K + k];
          if (aik === 0) continue;
          const bk = bo + k * N;
          for (let j = j0; j < j1; j++) C[ci + j] += aik * B[bk + j];
        }
      }
    }
    return;
  }
  // C[i, j] = Σ_k a(i, k) · B[j, k]
  for (let i = 0; i < M; i++) {
    const ci = co + i * N;
    if (!transA) {
      const ai = ao + i * K;
      for (let j = 0; j < N; j++) {
        const bj = bo + j * K;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        let k = 0;
        for (; k + 3 < K; k += 4) {
          s0 += A[ai + k] * B[bj + k];
          s1 += A[ai + k + 1] * B[bj + k + 1];
          s2 += A[ai + k + 2] * B[bj + k + 2];
          s3 += A[ai + k + 3] * B[bj + k + 3];
        }
        for (; k < K; k++) s0 += A[ai + k] * B[bj + k];
        C[ci + j] = s0 + s1 + s2 + s3;
      }
    } else {
      for (let j = 0; j < N; j++) {
        const bj = bo + j * K;
        let s = 0;
        for (let k = 0; k < K; k++) s += A[ao + k * M + i] * B[bj + k];
        C[ci + j] = s;
      }
    }
  }
}

/** A Linear layer, PyTorch convention: y = x · Wᵀ + b with W [out, in]; x [..., in] → [..., out]. */
export function linear(x: Tensor, w: Tensor, b?: Tensor): Tensor {
  const inF = x.shape[x.shape.length - 1];
  const [outF, wIn] = w.shape;
  if (w.shape.length !== 2 || wIn !== inF) throw new Error(`linear: x [${x.shape}] does not fit W [${w.shape}]`);
  const rows = x.data.length / inF;
  const y = matmul({ data: x.data, shape: [rows, inF] }, w, { transB: true }); // [rows, out]
  if (b) {
    if (b.data.length !== outF) throw new Error(`linear: bias [${b.shape}] does not fit W [${w.shape}]`);
    for (let r = 0; r < rows; r++) for (let o = 0; o < outF; o++) y.data[r * outF + o] += b.data[o];
  }
  return { data: y.data, shape: [...x.shape.slice(0, -1), outF] };
}

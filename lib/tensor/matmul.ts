/**
 * Matrix multiply with optional transposes and NumPy-style batch broadcasting.
 *
 *   matmul(a [..., M, K], b [..., K, N])                 → [..., M, N]
 *   matmul(a, b [..., N, K], {transB: true})             → a · bᵀ   (a Linear: x · Wᵀ)
 *   matmul(a [..., K, M], b, {transA: true})             → aᵀ · b
 *
 * Kernels in gemm.ts (packed operands, register tiles; each mode keeps its summation order).
 *
 * Example: [[1, 2], [3, 4]] · [[5], [6]] = [[17], [39]].
 */
import { gemm } from './gemm';
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

/**
 * gemm.ts against the plain loops it replaced (copied below): equal bit for bit in every transpose
 * mode, on tile edges, long K (several cache blocks of B) and rows with zeros.
 */
import { describe, expect, it } from 'vitest';
import { gemm } from '@/lib/tensor/gemm';

/** The previous matmul kernel, verbatim. */
/** C[M, N] = op(A) · op(B) on flat arrays at the given offsets (C is zero on entry). */
function plainGemm(
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

describe('gemm', () => {
  it('equals the plain loops bit for bit in all four transpose modes, tile edges and long K included', () => {
    const sizes: [number, number, number][] = [[1, 3, 5], [2, 9, 7], [3, 4, 4], [4, 1, 4], [5, 13, 9], [6, 32, 6], [9, 4100, 11], [8, 2, 17], [12, 130, 67]];
    for (const [M, K, N] of sizes) {
      const A = Float32Array.from({ length: M * K + 3 }, (_, i) => (i % 7 === 0 ? 0 : Math.sin(i * 0.7 + M) * 3));
      const B = Float32Array.from({ length: K * N + 5 }, (_, i) => Math.cos(i * 1.3 + N) / 7);
      for (const ta of [false, true]) {
        for (const tb of [false, true]) {
          const want = new Float32Array(M * N + 2);
          const got = new Float32Array(M * N + 2);
          plainGemm(A, 3, B, 5, want, 2, M, N, K, ta, tb);
          gemm(A, 3, B, 5, got, 2, M, N, K, ta, tb);
          expect(got, `M=${M} K=${K} N=${N} transA=${ta} transB=${tb}`).toEqual(want);
          expect(got.every((v, i) => Object.is(v, want[i]))).toBe(true);
        }
      }
    }
  });
});

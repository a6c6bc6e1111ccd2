/**
 * The gemm kernels under matmul(): C[M, N] = op(A) · op(B) on flat Float32Arrays at offsets
 * (C zero on entry), bit for bit what the plain loops they replace computed, only faster.
 *
 * Each mode keeps its summation order (so recorded training runs replay exactly):
 *   NN, TN  c += a·b into the float32 output, k ascending (each step rounded to float32)
 *   NT      four float64 partial sums over k ≡ 0, 1, 2, 3 (mod 4) added at the end
 *   TT      c = Σ_k a·b, one float64 sum, k ascending, rounded to float32 once
 * Speed: an operand whose rows do not run along K is transposed once into a reused scratch buffer
 * ("packing"), so every product becomes dot products of contiguous rows A'[i, :] · B'[j, :]; those
 * are computed in register tiles (4×4 outputs for one sum each, 2×2 outputs for NT's four partial
 * sums: 16 accumulators, one load per multiply-add instead of two) over blocks of B' rows that stay
 * in cache. NN with M < 4 (decoding) keeps a row-axpy loop: packing would cost what it saves.
 */

export function gemm(
  A: Float32Array, ao: number, B: Float32Array, bo: number, C: Float32Array, co: number,
  M: number, N: number, K: number, transA: boolean, transB: boolean,
): void {
  if (!transA && !transB && M < 4) return rowAxpy(A, ao, B, bo, C, co, M, N, K);
  if (!transA && transB) return dotNT4(A, ao, B, bo, C, co, M, N, K);
  let Ap = A;
  let ap = ao;
  if (transA) {
    Ap = packA = grow(packA, M * K);
    transposeInto(A, ao, K, M, Ap);
    ap = 0;
  }
  let Bp = B;
  let bp = bo;
  if (!transB) {
    Bp = packB = grow(packB, N * K);
    transposeInto(B, bo, K, N, Bp);
    bp = 0;
  }
  dotTiles(Ap, ap, Bp, bp, C, co, M, N, K, !transB);
}

/** Scratch buffers for packed operands, reused across calls (gemm never re-enters itself). */
let packA: Float32Array = new Float32Array(0);
let packB: Float32Array = new Float32Array(0);
const grow = (buf: Float32Array, n: number): Float32Array => (buf.length >= n ? buf : new Float32Array(Math.max(n, buf.length * 2)));

/** Rows of B' per cache block: about 64 KB of B' at a time. */
const blockRows = (K: number): number => Math.max(4, (Math.floor(16384 / Math.max(1, K)) >> 2) << 2);

/** dst[c, r] = src[so + r·cols + c] for a [rows, cols] block (dst is [cols, rows]); 8×8 tiles. */
export function transposeInto(src: Float32Array, so: number, rows: number, cols: number, dst: Float32Array): void {
  for (let r0 = 0; r0 < rows; r0 += 8) {
    const r1 = Math.min(rows, r0 + 8);
    for (let c0 = 0; c0 < cols; c0 += 8) {
      const c1 = Math.min(cols, c0 + 8);
      for (let r = r0; r < r1; r++) {
        const s = so + r * cols;
        for (let c = c0; c < c1; c++) dst[c * rows + r] = src[s + c];
      }
    }
  }
}

/** C[i, j] = Σ_k A[i, k] · B[j, k], k ascending: in float64 (f32 false) or rounding each step (true). */
function dotTiles(A: Float32Array, ao: number, B: Float32Array, bo: number, C: Float32Array, co: number, M: number, N: number, K: number, f32: boolean): void {
  const JB = blockRows(K);
  for (let j0 = 0; j0 < N; j0 += JB) {
    const j1 = Math.min(N, j0 + JB);
    let i = 0;
    for (; i + 3 < M; i += 4) {
      let j = j0;
      for (; j + 3 < j1; j += 4) {
        if (f32) tile4f32(A, ao + i * K, B, bo + j * K, C, co + i * N + j, N, K);
        else tile4(A, ao + i * K, B, bo + j * K, C, co + i * N + j, N, K);
      }
      for (; j < j1; j++) for (let r = i; r < i + 4; r++) C[co + r * N + j] = dot(A, ao + r * K, B, bo + j * K, K, f32);
    }
    for (; i < M; i++) for (let j = j0; j < j1; j++) C[co + i * N + j] = dot(A, ao + i * K, B, bo + j * K, K, f32);
  }
}

function dot(A: Float32Array, a: number, B: Float32Array, b: number, K: number, f32: boolean): number {
  let s = 0;
  if (f32) for (let k = 0; k < K; k++) s = Math.fround(s + A[a + k] * B[b + k]);
  else for (let k = 0; k < K; k++) s += A[a + k] * B[b + k];
  return s;
}

/** A 4×4 block of C at c (row stride N) from rows a.. of A and b.. of B, float64 sums. */
function tile4(A: Float32Array, a0: number, B: Float32Array, b0: number, C: Float32Array, c0: number, N: number, K: number): void {
  const a1 = a0 + K, a2 = a1 + K, a3 = a2 + K;
  const b1 = b0 + K, b2 = b1 + K, b3 = b2 + K;
  let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
  let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
  for (let k = 0; k < K; k++) {
    const x0 = A[a0 + k], x1 = A[a1 + k], x2 = A[a2 + k], x3 = A[a3 + k];
    const y0 = B[b0 + k], y1 = B[b1 + k], y2 = B[b2 + k], y3 = B[b3 + k];
    s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
    s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
    s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
    s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
  }
  const c1 = c0 + N, c2 = c1 + N, c3 = c2 + N;
  C[c0] = s00; C[c0 + 1] = s01; C[c0 + 2] = s02; C[c0 + 3] = s03;
  C[c1] = s10; C[c1 + 1] = s11; C[c1 + 2] = s12; C[c1 + 3] = s13;
  C[c2] = s20; C[c2 + 1] = s21; C[c2 + 2] = s22; C[c2 + 3] = s23;
  C[c3] = s30; C[c3 + 1] = s31; C[c3 + 2] = s32; C[c3 + 3] = s33;
}

/** tile4 with every partial sum rounded to float32, as `C[i, j] += a·b` into a Float32Array did. */
function tile4f32(A: Float32Array, a0: number, B: Float32Array, b0: number, C: Float32Array, c0: number, N: number, K: number): void {
  const f = Math.fround;
  const a1 = a0 + K, a2 = a1 + K, a3 = a2 + K;
  const b1 = b0 + K, b2 = b1 + K, b3 = b2 + K;
  let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
  let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
  for (let k = 0; k < K; k++) {
    const x0 = A[a0 + k], x1 = A[a1 + k], x2 = A[a2 + k], x3 = A[a3 + k];
    const y0 = B[b0 + k], y1 = B[b1 + k], y2 = B[b2 + k], y3 = B[b3 + k];
    s00 = f(s00 + x0 * y0); s01 = f(s01 + x0 * y1); s02 = f(s02 + x0 * y2); s03 = f(s03 + x0 * y3);
    s10 = f(s10 + x1 * y0); s11 = f(s11 + x1 * y1); s12 = f(s12 + x1 * y2); s13 = f(s13 + x1 * y3);
    s20 = f(s20 + x2 * y0); s21 = f(s21 + x2 * y1); s22 = f(s22 + x2 * y2); s23 = f(s23 + x2 * y3);
    s30 = f(s30 + x3 * y0); s31 = f(s31 + x3 * y1); s32 = f(s32 + x3 * y2); s33 = f(s33 + x3 * y3);
  }
  const c1 = c0 + N, c2 = c1 + N, c3 = c2 + N;
  C[c0] = s00; C[c0 + 1] = s01; C[c0 + 2] = s02; C[c0 + 3] = s03;
  C[c1] = s10; C[c1 + 1] = s11; C[c1 + 2] = s12; C[c1 + 3] = s13;
  C[c2] = s20; C[c2 + 1] = s21; C[c2 + 2] = s22; C[c2 + 3] = s23;
  C[c3] = s30; C[c3 + 1] = s31; C[c3 + 2] = s32; C[c3 + 3] = s33;
}

/** NT (A [M, K], B [N, K]): each C[i, j] as four partial sums by k mod 4, in 2×2 output tiles. */
function dotNT4(A: Float32Array, ao: number, B: Float32Array, bo: number, C: Float32Array, co: number, M: number, N: number, K: number): void {
  const JB = blockRows(K);
  const K4 = K - (K % 4);
  for (let j0 = 0; j0 < N; j0 += JB) {
    const j1 = Math.min(N, j0 + JB);
    let i = 0;
    for (; i + 1 < M; i += 2) {
      const x = ao + i * K, y = x + K;
      const c = co + i * N;
      let j = j0;
      for (; j + 1 < j1; j += 2) {
        const u = bo + j * K, v = u + K;
        let p0 = 0, p1 = 0, p2 = 0, p3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        let r0 = 0, r1 = 0, r2 = 0, r3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        let k = 0;
        for (; k < K4; k += 4) {
          const x0 = A[x + k], x1 = A[x + k + 1], x2 = A[x + k + 2], x3 = A[x + k + 3];
          const y0 = A[y + k], y1 = A[y + k + 1], y2 = A[y + k + 2], y3 = A[y + k + 3];
          const u0 = B[u + k], u1 = B[u + k + 1], u2 = B[u + k + 2], u3 = B[u + k + 3];
          const v0 = B[v + k], v1 = B[v + k + 1], v2 = B[v + k + 2], v3 = B[v + k + 3];
          p0 += x0 * u0; p1 += x1 * u1; p2 += x2 * u2; p3 += x3 * u3;
          q0 += x0 * v0; q1 += x1 * v1; q2 += x2 * v2; q3 += x3 * v3;
          r0 += y0 * u0; r1 += y1 * u1; r2 += y2 * u2; r3 += y3 * u3;
          t0 += y0 * v0; t1 += y1 * v1; t2 += y2 * v2; t3 += y3 * v3;
        }
        for (; k < K; k++) {
          p0 += A[x + k] * B[u + k]; q0 += A[x + k] * B[v + k];
          r0 += A[y + k] * B[u + k]; t0 += A[y + k] * B[v + k];
        }
        C[c + j] = p0 + p1 + p2 + p3;
        C[c + j + 1] = q0 + q1 + q2 + q3;
        C[c + N + j] = r0 + r1 + r2 + r3;
        C[c + N + j + 1] = t0 + t1 + t2 + t3;
      }
      for (; j < j1; j++) {
        C[c + j] = dot4(A, x, B, bo + j * K, K);
        C[c + N + j] = dot4(A, y, B, bo + j * K, K);
      }
    }
    for (; i < M; i++) for (let j = j0; j < j1; j++) C[co + i * N + j] = dot4(A, ao + i * K, B, bo + j * K, K);
  }
}

/** One dot product as four partial sums by k mod 4 (the tail into the first), added at the end. */
function dot4(A: Float32Array, a: number, B: Float32Array, b: number, K: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let k = 0;
  for (; k + 3 < K; k += 4) {
    s0 += A[a + k] * B[b + k];
    s1 += A[a + k + 1] * B[b + k + 1];
    s2 += A[a + k + 2] * B[b + k + 2];
    s3 += A[a + k + 3] * B[b + k + 3];
  }
  for (; k < K; k++) s0 += A[a + k] * B[b + k];
  return s0 + s1 + s2 + s3;
}

/** NN for a few rows: C[i, :] += A[i, k] · B[k, :] (zeros of A skipped). */
function rowAxpy(A: Float32Array, ao: number, B: Float32Array, bo: number, C: Float32Array, co: number, M: number, N: number, K: number): void {
  for (let i = 0; i < M; i++) {
    const ci = co + i * N;
    for (let k = 0; k < K; k++) {
      const aik = A[ao + i * K + k];
      if (aik === 0) continue;
      const bk = bo + k * N;
      for (let j = 0; j < N; j++) C[ci + j] += aik * B[bk + j];
    }
  }
}

/**
 * Sparsity accounting: how many weights are zero, and what storing them costs.
 *
 * A dense matrix [R, C] of b-byte values costs R·C·b bytes whatever it holds: a dense kernel
 * (GEMM) multiplies the zeros like any other number, so unstructured zeros save neither bytes
 * nor time. A sparse format stores only the nonzeros, plus where they are. CSR (compressed
 * sparse row, the layout of cuSPARSE and SciPy) keeps
 *
 *   values  [nnz]    b bytes each           the nonzeros, row by row
 *   colIdx  [nnz]    i bytes each           the column of each nonzero
 *   rowPtr  [R + 1]  i bytes each           where each row starts in values
 *
 *   bytes = nnz·(b + i) + (R + 1)·i
 *
 * With fp16 values (b = 2) and int32 indices (i = 4) every nonzero costs 6 bytes instead of 2,
 * so CSR is smaller than dense only below a density of b / (b + i) = 1/3, i.e. above ~67 %
 * sparsity (ignoring rowPtr). Example, [4, 4] with 8 nonzeros: dense 32 bytes; CSR 8·6 + 5·4 =
 * 68 bytes. At 50 % sparsity CSR is ~1.5× dense; at 90 % it is ~0.3×.
 */
import type { Tensor } from '@/lib/tensor';

/** Number of entries that are exactly 0 (−0 counts as 0). */
export function zeros(t: Tensor): number {
  let z = 0;
  for (let i = 0; i < t.data.length; i++) if (t.data[i] === 0) z++;
  return z;
}

/** Dense storage: every entry, zero or not. */
export function denseBytes(rows: number, cols: number, valueBytes = 2): number {
  return rows * cols * valueBytes;
}

/** CSR storage of a [rows, cols] matrix with nnz nonzeros (see the header). */
export function csrBytes(rows: number, cols: number, nnz: number, valueBytes = 2, indexBytes = 4): number {
  if (nnz < 0 || nnz > rows * cols) throw new Error(`csrBytes: nnz ${nnz} outside 0..${rows * cols}`);
  return nnz * (valueBytes + indexBytes) + (rows + 1) * indexBytes;
}

/** The density (nnz / entries) below which CSR is smaller than dense, rowPtr ignored: b / (b + i). */
export function breakEvenDensity(valueBytes = 2, indexBytes = 4): number {
  return valueBytes / (valueBytes + indexBytes);
}

export interface SparsityReport {
  /** Entries in the matrices counted. */
  weights: number;
  zeros: number;
  /** zeros / weights. */
  sparsity: number;
  /** fp16, dense, as shipped. */
  dense: number;
  /** fp16 values + int32 indices, CSR per matrix. */
  csr: number;
}

/** Zeros and bytes (dense vs CSR, fp16 values, int32 indices) over the named 2-D weights. */
export function sparsityReport(weights: ReadonlyMap<string, Tensor>, names: readonly string[]): SparsityReport {
  let n = 0, z = 0, dense = 0, csr = 0;
  for (const name of names) {
    const t = weights.get(name);
    if (!t || t.shape.length !== 2) throw new Error(`sparsityReport: no matrix "${name}"`);
    const [r, c] = t.shape;
    const zt = zeros(t);
    n += r * c;
    z += zt;
    dense += denseBytes(r, c);
    csr += csrBytes(r, c, r * c - zt);
  }
  return { weights: n, zeros: z, sparsity: n ? z / n : 0, dense, csr };
}

/**
 * Principal component analysis of the rows of a matrix X [n, d] (n points in d dimensions), the
 * way an embedding table is drawn in 2-D:
 *
 *   μ = column means;  Xc = X − μ;  C = Xcᵀ·Xc / (n − 1)   [d, d], symmetric
 *   C = Q·Λ·Qᵀ by cyclic Jacobi rotations (Jacobi 1846; Golub & Van Loan, "Matrix
 *   Computations", §8.5): rotate pairs (p, q) until every off-diagonal entry is ~0.
 *   Component i = column i of Q (unit length, eigenvalues λ₀ ≥ λ₁ ≥ … ≥ 0),
 *   explained variance ratio i = λᵢ / Σⱼ λⱼ (Σⱼ λⱼ = trace C = total variance),
 *   projection of row r on component i = (x_r − μ)·qᵢ.
 *
 * Each component's sign is arbitrary in PCA; we fix it so that its largest-magnitude entry is
 * positive, which makes the picture reproducible.
 *
 * Example (hand-checked in the test): the points (2, 2), (−2, −2), (1, −1), (−1, 1) have mean 0
 * and C = [[10/3, 2], [2, 10/3]] (Σx² = Σy² = 10, Σxy = 6, divided by n − 1 = 3): eigenvalues
 * 10/3 ± 2 = 16/3 and 4/3 with eigenvectors (1, 1)/√2 and (1, −1)/√2, so PC1 keeps 0.8 of the
 * variance and PC2 0.2; the point (2, 2) projects to (2√2, 0).
 *
 * Cost: the covariance is n·d² multiply-adds (4096 × 128² ≈ 67 M), Jacobi ~10 sweeps of d³.
 */

export interface Pca {
  /** Components [k, d] row-major: row i is the i-th principal direction (unit length). */
  components: Float64Array;
  /** Eigenvalues (variances along each component), [k], largest first. */
  variances: Float64Array;
  /** λᵢ / total variance, [k]. */
  explainedRatio: Float64Array;
  /** Column means [d]. */
  mean: Float64Array;
  /** Projections of the fitted rows [n, k]. */
  projections: Float64Array;
  /** Total variance = trace of C. */
  totalVariance: number;
  n: number;
  d: number;
  k: number;
}

/** Progress of a step-wise PCA: which stage and how far (0..1). */
export interface PcaProgress {
  stage: 'covariance' | 'eigen';
  done: number;
}

/**
 * Covariance C [d, d] of the rows of X [n, d] (divides by n − 1) and the column means, as a
 * generator that yields after every `rowsPerStep` rows, so a page can spread the work over
 * several tasks (4096 × 128 is ~60 M multiply-adds: too long for one main-thread task).
 */
export function* covarianceSteps(x: ArrayLike<number>, n: number, d: number, rowsPerStep = 512): Generator<PcaProgress, { cov: Float64Array; mean: Float64Array }> {
  if (x.length !== n * d) throw new Error(`covariance: ${x.length} values for [${n}, ${d}]`);
  if (n < 2) throw new Error('covariance: need at least 2 rows');
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) mean[j] += x[r * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < d; j++) row[j] = x[r * d + j] - mean[j];
    for (let a = 0; a < d; a++) {
      const va = row[a];
      if (va === 0) continue;
      const off = a * d;
      for (let b = a; b < d; b++) cov[off + b] += va * row[b]; // upper triangle
    }
    if ((r + 1) % rowsPerStep === 0 && r + 1 < n) yield { stage: 'covariance', done: (r + 1) / n };
  }
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const v = cov[a * d + b] / (n - 1);
      cov[a * d + b] = v;
      cov[b * d + a] = v;
    }
  }
  return { cov, mean };
}

/** Runs a step-wise computation to the end in one go. */
export function runSteps<P, R>(g: Generator<P, R>): R {
  for (;;) {
    const s = g.next();
    if (s.done) return s.value;
  }
}

/** Covariance C [d, d] of the rows of X [n, d] (divides by n − 1), and the column means. */
export function covariance(x: ArrayLike<number>, n: number, d: number): { cov: Float64Array; mean: Float64Array } {
  return runSteps(covarianceSteps(x, n, d));
}

/**
 * Eigen-decomposition of a symmetric [d, d] matrix by cyclic Jacobi rotations.
 * Returns eigenvalues (descending) and eigenvectors as the rows of `vectors` [d, d].
 */
export function symmetricEigen(s: ArrayLike<number>, d: number, maxSweeps = 50): { values: Float64Array; vectors: Float64Array } {
  return runSteps(symmetricEigenSteps(s, d, maxSweeps));
}

/** symmetricEigen as a generator that yields after every sweep (done = sweeps / maxSweeps). */
export function* symmetricEigenSteps(s: ArrayLike<number>, d: number, maxSweeps = 50): Generator<PcaProgress, { values: Float64Array; vectors: Float64Array }> {
  if (s.length !== d * d) throw new Error(`symmetricEigen: ${s.length} values for [${d}, ${d}]`);
  const a = Float64Array.from(s);
  const v = new Float64Array(d * d); // columns = eigenvectors
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  let norm = 0;
  for (let i = 0; i < d * d; i++) norm += a[i] * a[i];
  const tol = 1e-24 * Math.max(norm, 1e-300);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q] ** 2;
    if (off <= tol) break;
    for (let p = 0; p < d - 1; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q];
        if (Math.abs(apq) < 1e-300) continue;
        // tan of the rotation angle that zeroes a[p][q] (Golub & Van Loan, Algorithm 8.5.1)
        const theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(1 + theta * theta));
        const c = 1 / Math.sqrt(1 + t * t);
        const sn = t * c;
        for (let k = 0; k < d; k++) { // A ← A·J (columns p, q)
          const akp = a[k * d + p], akq = a[k * d + q];
          a[k * d + p] = c * akp - sn * akq;
          a[k * d + q] = sn * akp + c * akq;
        }
        for (let k = 0; k < d; k++) { // A ← Jᵀ·A (rows p, q)
          const apk = a[p * d + k], aqk = a[q * d + k];
          a[p * d + k] = c * apk - sn * aqk;
          a[q * d + k] = sn * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) { // V ← V·J
          const vkp = v[k * d + p], vkq = v[k * d + q];
          v[k * d + p] = c * vkp - sn * vkq;
          v[k * d + q] = sn * vkp + c * vkq;
        }
      }
    }
    yield { stage: 'eigen', done: (sweep + 1) / maxSweeps };
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((i, j) => a[j * d + j] - a[i * d + i]);
  const values = Float64Array.from(order, (i) => a[i * d + i]);
  const vectors = new Float64Array(d * d);
  order.forEach((col, r) => {
    let big = 0;
    for (let k = 0; k < d; k++) if (Math.abs(v[k * d + col]) > Math.abs(big)) big = v[k * d + col];
    const sign = big < 0 ? -1 : 1;
    for (let k = 0; k < d; k++) vectors[r * d + k] = sign * v[k * d + col];
  });
  return { values, vectors };
}

/** Projection of any rows Y [m, d] onto a fitted PCA's components: [m, k]. */
export function project(p: Pick<Pca, 'components' | 'mean' | 'd' | 'k'>, y: ArrayLike<number>, m: number): Float64Array {
  const { d, k } = p;
  if (y.length !== m * d) throw new Error(`project: ${y.length} values for [${m}, ${d}]`);
  const out = new Float64Array(m * k);
  for (let r = 0; r < m; r++) {
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (y[r * d + j] - p.mean[j]) * p.components[i * d + j];
      out[r * k + i] = s;
    }
  }
  return out;
}

/** The top-k principal components of the rows of X [n, d]. */
export function pca(x: ArrayLike<number>, n: number, d: number, k: number): Pca {
  return runSteps(pcaSteps(x, n, d, k));
}

/** pca as a generator: yields progress between chunks of work (each a few tens of ms for 4096 × 128). */
export function* pcaSteps(x: ArrayLike<number>, n: number, d: number, k: number): Generator<PcaProgress, Pca> {
  if (k < 1 || k > d) throw new Error(`pca: k = ${k} must be in 1..${d}`);
  const { cov, mean } = yield* covarianceSteps(x, n, d);
  const { values, vectors } = yield* symmetricEigenSteps(cov, d);
  let total = 0;
  for (let i = 0; i < d; i++) total += cov[i * d + i];
  const variances = Float64Array.from(values.subarray(0, k), (v) => Math.max(0, v));
  const components = vectors.slice(0, k * d);
  const base = { components, mean, d, k };
  return {
    ...base,
    variances,
    explainedRatio: Float64Array.from(variances, (v) => (total > 0 ? v / total : 0)),
    projections: project(base, x, n),
    totalVariance: total,
    n,
  };
}

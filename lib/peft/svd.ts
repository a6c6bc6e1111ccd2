/**
 * Singular value decomposition by one-sided Jacobi rotations (Hestenes 1958; Demmel & Veselić
 * 1992, "Jacobi's method is more accurate than QR"), in float64, for the small matrices of our
 * models (≤ a few hundred rows and columns):
 *
 *   W [m, n] (n ≤ m; a wide W is transposed first). Rotate pairs of columns (p, q) of A = W·V
 *   until every pair is orthogonal: with α = ‖a_p‖², β = ‖a_q‖², γ = a_p·a_q,
 *   ζ = (β − α)/(2γ), t = sign(ζ)/(|ζ| + √(1 + ζ²)), c = 1/√(1 + t²), s = c·t,
 *   a_p ← c·a_p − s·a_q, a_q ← s·a_p + c·a_q (the same rotation on V's columns).
 *   Then σᵢ = ‖aᵢ‖, uᵢ = aᵢ/σᵢ, and W = U·diag(σ)·Vᵀ.
 *
 * Best rank-r approximation (Eckart & Young 1936): W_r = Σ_{i<r} σᵢ uᵢ vᵢᵀ, and no rank-r matrix
 * is closer in Frobenius norm: ‖W − W_r‖_F = √(Σ_{i≥r} σᵢ²). A LoRA update B·A has rank ≤ r, so
 * this is how much of a full matrix a rank-r update can express.
 *
 * Example: [[3, 0], [4, 5]] has σ = (3√5, √5) ≈ (6.708, 2.236).
 */

export interface Svd {
  /** Singular values, largest first (length min(m, n)). */
  s: Float64Array;
  /** U [m, k] row-major (k = min(m, n)), orthonormal columns. */
  u: Float64Array;
  /** V [n, k] row-major, orthonormal columns. */
  v: Float64Array;
  m: number;
  n: number;
}

/** SVD of a row-major [m, n] matrix. */
export function svd(w: ArrayLike<number>, m: number, n: number, maxSweeps = 60): Svd {
  if (w.length !== m * n) throw new Error(`svd: ${w.length} values for [${m}, ${n}]`);
  if (n > m) {
    const t = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) t[j * m + i] = w[i * n + j];
    const r = svd(t, n, m, maxSweeps); // Wᵀ = U'ΣV'ᵀ → W = V'ΣU'ᵀ
    return { s: r.s, u: r.v, v: r.u, m, n };
  }
  // Column-major working copies: a[j] is column j (length m), vv[j] column j of V (length n).
  const a = Array.from({ length: n }, (_, j) => Float64Array.from({ length: m }, (_, i) => w[i * n + j]));
  const vv = Array.from({ length: n }, (_, j) => {
    const c = new Float64Array(n);
    c[j] = 1;
    return c;
  });
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const ap = a[p], aq = a[q];
        let al = 0, be = 0, ga = 0;
        for (let i = 0; i < m; i++) {
          al += ap[i] * ap[i];
          be += aq[i] * aq[i];
          ga += ap[i] * aq[i];
        }
        if (Math.abs(ga) <= 1e-15 * Math.sqrt(al * be) || ga === 0) continue;
        rotated = true;
        const z = (be - al) / (2 * ga);
        const t = (z >= 0 ? 1 : -1) / (Math.abs(z) + Math.sqrt(1 + z * z));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotate(ap, aq, c, s);
        rotate(vv[p], vv[q], c, s);
      }
    }
    if (!rotated) break;
  }
  const sig = a.map((col) => Math.sqrt(col.reduce((x, y) => x + y * y, 0)));
  const order = sig.map((_, i) => i).sort((i, j) => sig[j] - sig[i]);
  const k = n;
  const out: Svd = { s: new Float64Array(k), u: new Float64Array(m * k), v: new Float64Array(n * k), m, n };
  order.forEach((j, r) => {
    out.s[r] = sig[j];
    for (let i = 0; i < m; i++) out.u[i * k + r] = sig[j] > 0 ? a[j][i] / sig[j] : 0;
    for (let i = 0; i < n; i++) out.v[i * k + r] = vv[j][i];
  });
  return out;
}

function rotate(x: Float64Array, y: Float64Array, c: number, s: number): void {
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const yi = y[i];
    x[i] = c * xi - s * yi;
    y[i] = s * xi + c * yi;
  }
}

/** W_r = Σ_{i<r} σᵢ uᵢ vᵢᵀ as a row-major [m, n] matrix. */
export function lowRank(d: Svd, r: number): Float64Array {
  const { m, n } = d;
  const k = d.s.length;
  const out = new Float64Array(m * n);
  for (let t = 0; t < Math.min(r, k); t++) {
    const s = d.s[t];
    for (let i = 0; i < m; i++) {
      const us = d.u[i * k + t] * s;
      for (let j = 0; j < n; j++) out[i * n + j] += us * d.v[j * k + t];
    }
  }
  return out;
}

/** ‖W − W_r‖_F / ‖W‖_F = √(Σ_{i≥r} σᵢ² / Σ σᵢ²) for r = 0..k (Eckart–Young). */
export function relativeLowRankErrors(s: Float64Array): Float64Array {
  const out = new Float64Array(s.length + 1);
  let tail = 0; // Σ_{i≥r} σᵢ², summed from the small end (no cancellation)
  for (let r = s.length - 1; r >= 0; r--) out[r] = tail += s[r] * s[r];
  const total = out[0];
  for (let r = 0; r <= s.length; r++) out[r] = total > 0 ? Math.sqrt(out[r] / total) : 0;
  return out;
}

/**
 * Linear (kernelised) attention, Katharopoulos et al. 2020, "Transformers are RNNs: Fast
 * Autoregressive Transformers with Linear Attention". Replace exp(q·k/√d) by φ(q)·φ(k) with the
 * feature map φ(x) = elu(x) + 1 (elu(x) = x for x > 0, eˣ − 1 otherwise, so φ > 0).
 * Causal attention then becomes
 *
 *   out_i = φ(q_i)ᵀ S_i / φ(q_i)ᵀ z_i,   S_i = Σ_{j≤i} φ(k_j) v_jᵀ  [d, dv],   z_i = Σ_{j≤i} φ(k_j)  [d]
 *
 * and S, z are running sums: one update per token, a fixed-size state, like an RNN. The cost is
 * O(N d dv) instead of O(N² max(d, dv)) for softmax attention. quadraticLinear computes the same
 * thing the long way (the N×N matrix of φ(q_i)·φ(k_j)), which the tests compare.
 *
 *   Q, K [N, d], V [N, dv], row-major.  Example (d = dv = 1): q = k = [0, 0], v = [1, 3]
 *   → φ = 1 everywhere, out = [1, (1 + 3)/2] = [1, 2].
 */

export const elu1 = (x: number): number => (x > 0 ? x + 1 : Math.exp(x));

export interface LinearInput {
  q: ArrayLike<number>;
  k: ArrayLike<number>;
  v: ArrayLike<number>;
  n: number;
  d: number;
  dv: number;
}

/** The recurrent (RNN) form with running sums S and z. Returns out [N, dv]. */
export function recurrentLinear(a: LinearInput): Float64Array {
  const { q, k, v, n, d, dv } = a;
  const S = new Float64Array(d * dv);
  const z = new Float64Array(d);
  const fq = new Float64Array(d);
  const out = new Float64Array(n * dv);
  for (let i = 0; i < n; i++) {
    for (let x = 0; x < d; x++) {
      const fk = elu1(k[i * d + x]);
      z[x] += fk;
      for (let y = 0; y < dv; y++) S[x * dv + y] += fk * v[i * dv + y];
      fq[x] = elu1(q[i * d + x]);
    }
    let den = 0;
    for (let x = 0; x < d; x++) den += fq[x] * z[x];
    for (let y = 0; y < dv; y++) {
      let num = 0;
      for (let x = 0; x < d; x++) num += fq[x] * S[x * dv + y];
      out[i * dv + y] = num / den;
    }
  }
  return out;
}

/** The same attention in quadratic form: weights A_ij = φ(q_i)·φ(k_j) for j ≤ i, rows normalised. */
export function quadraticLinear(a: LinearInput): Float64Array {
  const { q, k, v, n, d, dv } = a;
  const out = new Float64Array(n * dv);
  for (let i = 0; i < n; i++) {
    let den = 0;
    const w = new Float64Array(i + 1);
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let x = 0; x < d; x++) s += elu1(q[i * d + x]) * elu1(k[j * d + x]);
      w[j] = s;
      den += s;
    }
    for (let j = 0; j <= i; j++) for (let y = 0; y < dv; y++) out[i * dv + y] += (w[j] / den) * v[j * dv + y];
  }
  return out;
}

export interface AttnCost {
  /** Multiply-adds of softmax attention over all N×N pairs: N²d for QKᵀ plus N²dv for PV. */
  softmax: number;
  /** Multiply-adds of the linear form: per token, Nd dv for S += φ(k)vᵀ, d dv for φ(q)ᵀS, 2d for z and φ(q)ᵀz. */
  linear: number;
  /** State each form keeps while generating token N: the KV cache N(d + dv) vs S and z, d·dv + d. */
  softmaxState: number;
  linearState: number;
}

/** Operation and memory counts of one head for N tokens (non-causal count of softmax pairs). */
export function attnCost(N: number, d: number, dv = d): AttnCost {
  return {
    softmax: N * N * (d + dv),
    linear: N * (2 * d * dv + 2 * d),
    softmaxState: N * (d + dv),
    linearState: d * dv + d,
  };
}

/** Smallest N at which the linear form needs fewer multiply-adds than softmax attention. */
export function crossover(d: number, dv = d): number {
  let N = 1;
  while (attnCost(N, d, dv).linear >= attnCost(N, d, dv).softmax) N++;
  return N;
}

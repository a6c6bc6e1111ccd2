/**
 * A Mamba-2 selective state-space mixer (Dao & Gu 2024, "Transformers are SSMs", SSD) written
 * once over Ops, in two forms a test proves equal, plus a linear time-invariant S4D-style SSM
 * (Gu et al. 2022) for contrast. Weights and sizes: lib/model/config.ts (SsmConfig), ssm-shapes.ts.
 *
 * Per token t (u_t [C] in, Di = expand·C, H heads of width P, state size N, conv kernel K):
 *   z, xBC, dt_raw = split(u_t · W_inᵀ)               [Di], [Di + 2N], [H]
 *   xBC = silu(causal depthwise conv_K(xBC) + b)       the last K inputs, per channel
 *   x, B, C = split(xBC)                              [H, P], [N], [N]   (B, C depend on u: selective)
 *   Δ = softplus(dt_raw + dt_bias)  [H];  A = -exp(A_log)  [H]  (one scalar decay per head)
 *   zero-order hold of h' = A h + B x over Δ:  Ā = exp(Δ·A),  B̄ x ≈ Δ · B x  (Mamba's simplification)
 *   h_t = Ā_t h_{t-1} + Δ_t · x_t ⊗ B_t     [H, P, N]
 *   y_t = h_t · C_t + D ⊙ x_t               [H, P]
 *   out = (rmsnorm(y ⊙ silu(z)) ⊙ w_norm) · W_outᵀ     [C]
 *
 * Why Mamba-2 and not Mamba-1: with a scalar A per head the decay between tokens j ≤ i is one
 * number per head, L[i, j] = exp(cs_i - cs_j) with cs = cumsum(Δ·A), so the whole sequence is
 *   y = (L ∘ C Bᵀ) · (Δ·x)                 (the SSD "quadratic" form)
 * — CumSum, a broadcast subtraction, a causal mask, Exp and two MatMuls: ordinary ops that run on
 * onnxruntime-web's WASM and WebGPU kernels. Mamba-1's A is per (channel, state) pair, so the same
 * construction needs a T×T decay matrix for each of Di·N pairs (O(Di·N·T²) memory, chunking),
 * or a Loop/Scan, which onnxruntime-web runs on the CPU only (shared/notes/ort-web.md).
 * cs_i - cs_j is the "unstable" segsum of ssd_minimal.py (a difference of cumulative sums); in
 * float32 over the contexts here (≤ 1024) its error stays far below the parity tolerance.
 *
 * Forms:
 *   mamba2         any T, optional incoming state; returns y [1, T, C] and the state after the
 *                  last token (prefill, and chunked processing).
 *   mamba2Step     exactly one token, the literal recurrence above; state in → state out.
 * State (the SSM's answer to the KV cache; fixed size, whatever the context length):
 *   conv [1, K-1, Dc]   the last K-1 xBC rows;   ssm [1, H, P, N]   h_t.
 */
import type { Tensor } from '@/lib/tensor';
import type { TransformerConfig } from './config';
import { names } from './names';
import type { Ops } from './ops';
import { ssmDims, type SsmDims } from './ssm-shapes';

export interface SsmState<V> {
  /** [1, K-1, Dc] */
  conv: V;
  /** [1, H, P, N] */
  ssm: V;
}

export interface MixerResult<V> {
  /** [1, T, C] */
  y: V;
  state: SsmState<V>;
}

const BIG = 2 ** 30;
const t = (values: number[] | Float32Array, shape: number[]): Tensor => ({ data: Float32Array.from(values), shape });

/** A zero state for one layer. */
export function zeroSsmState<V>(ops: Ops<V>, cfg: TransformerConfig): SsmState<V> {
  const { K, Dc, H, P, N } = ssmDims(cfg);
  return { conv: ops.constant(t(new Float32Array((K - 1) * Dc), [1, K - 1, Dc])), ssm: ops.constant(t(new Float32Array(H * P * N), [1, H, P, N])) };
}

/** Shared front: in_proj, the causal depthwise conv over [past; new] rows, Δ. */
function front<V>(ops: Ops<V>, cfg: TransformerConfig, l: number, u: V, conv: V, d: SsmDims) {
  const { Di, N, H, K, Dc } = d;
  const p = `blocks.${l}.ssm`;
  const proj = ops.linear(u, ops.param(`${p}.in_proj.weight`)); // [1, T, 2Di+2N+H]
  const z = ops.slice(proj, -1, 0, Di); // [1, T, Di]
  const xbc = ops.slice(proj, -1, Di, Di + Dc); // [1, T, Dc]
  const dtRaw = ops.slice(proj, -1, Di + Dc, Di + Dc + H); // [1, T, H]
  const padded = ops.concat([conv, xbc], 1); // [1, K-1+T, Dc]
  const wT = ops.transpose(ops.param(`${p}.conv.weight`), [1, 0]); // [K, Dc]
  let acc = ops.param(`${p}.conv.bias`); // [Dc]
  for (let j = 0; j < K; j++) {
    const rows = ops.slice(padded, 1, j, j === K - 1 ? BIG : j - (K - 1)); // [1, T, Dc]: input t-(K-1)+j
    acc = ops.add(acc, ops.mul(rows, ops.slice(wT, 0, j, j + 1))); // [1, T, Dc]
  }
  const nextConv = ops.slice(padded, 1, -(K - 1), BIG); // [1, K-1, Dc]
  const xc = ops.silu(acc); // [1, T, Dc]
  const x = ops.slice(xc, -1, 0, Di); // [1, T, Di]
  const B = ops.tap(names.ssmB(l), ops.slice(xc, -1, Di, Di + N)); // [1, T, N]
  const C = ops.tap(names.ssmC(l), ops.slice(xc, -1, Di + N, Dc)); // [1, T, N]
  const dt = ops.tap(names.ssmDt(l), ops.softplus(ops.add(dtRaw, ops.param(`${p}.dt_bias`)))); // [1, T, H]
  const A = ops.scale(ops.exp(ops.param(`${p}.A_log`)), -1); // [H]
  return { z, x, B, C, dt, A, nextConv };
}

/** Gated RMSNorm and the output projection: y [1, T, Di] → [1, T, C]. */
function back<V>(ops: Ops<V>, cfg: TransformerConfig, l: number, y: V, z: V): V {
  const p = `blocks.${l}.ssm`;
  const g = ops.rmsNorm(ops.mul(y, ops.silu(z)), ops.param(`${p}.norm.weight`), cfg.normEps); // [1, T, Di]
  return ops.linear(g, ops.param(`${p}.out_proj.weight`)); // [1, T, C]
}

/**
 * The full-sequence (SSD) form of block l's mixer. u [1, T, C]; future: bool [T, T], true where
 * key j > query i (positionContext's mask); state: carried in from earlier tokens (zeros if none).
 */
export function mamba2<V>(ops: Ops<V>, cfg: TransformerConfig, l: number, u: V, future: V, state?: SsmState<V>): MixerResult<V> {
  const d = ssmDims(cfg);
  const { Di, H, P, N } = d;
  const s0 = state ?? zeroSsmState(ops, cfg);
  const { z, x, B, C, dt, A, nextConv } = front(ops, cfg, l, u, s0.conv, d);
  const cs = ops.cumsum(ops.transpose(ops.mul(dt, A), [0, 2, 1]), 2); // [1, H, T]  Σ_{k≤i} Δ_k A
  const seg = ops.sub(ops.reshape(cs, [0, 0, -1, 1]), ops.reshape(cs, [0, 0, 1, -1])); // [1, H, T, T]  cs_i - cs_j
  const L = ops.exp(ops.where(future, -Infinity, seg)); // [1, H, T, T]  0 above the diagonal
  const CB = ops.matmul(C, B, { transB: true }); // [1, T, T]  C_i · B_j
  const xh = ops.transpose(ops.reshape(x, [0, 0, H, P]), [0, 2, 1, 3]); // [1, H, T, P]
  const dtH = ops.reshape(ops.transpose(dt, [0, 2, 1]), [0, 0, -1, 1]); // [1, H, T, 1]
  let y = ops.matmul(ops.mul(L, CB), ops.mul(xh, dtH)); // [1, H, T, P]
  const decay = ops.exp(ops.reshape(cs, [0, 0, -1, 1])); // [1, H, T, 1]  Π_{k≤i} Ā_k
  const C4 = ops.reshape(C, [1, 1, -1, N]); // [1, 1, T, N]
  y = ops.add(y, ops.mul(decay, ops.matmul(C4, s0.ssm, { transB: true }))); // + C_i · (decay · h_0)   [1, H, T, P]
  const Dh = ops.reshape(ops.param(`blocks.${l}.ssm.D`), [1, H, 1, 1]);
  y = ops.add(y, ops.mul(Dh, xh)); // [1, H, T, P]
  const yFlat = ops.reshape(ops.transpose(y, [0, 2, 1, 3]), [0, 0, Di]); // [1, T, Di]
  // state after the last token: h_T = Π Ā · h_0 + Σ_j exp(cs_T - cs_j) Δ_j x_j ⊗ B_j
  const csT = ops.slice(cs, 2, -1, BIG); // [1, H, 1]
  const w = ops.mul(ops.exp(ops.sub(csT, cs)), ops.transpose(dt, [0, 2, 1])); // [1, H, T]
  const xw = ops.transpose(ops.mul(xh, ops.reshape(w, [0, 0, -1, 1])), [0, 1, 3, 2]); // [1, H, P, T]
  const hNew = ops.matmul(xw, ops.reshape(B, [1, 1, -1, N])); // [1, H, P, N]
  const hT = ops.add(hNew, ops.mul(ops.exp(ops.reshape(csT, [0, 0, 1, 1])), s0.ssm)); // [1, H, P, N]
  return { y: back(ops, cfg, l, yFlat, z), state: { conv: nextConv, ssm: hT } };
}

/** The recurrent form: one token u [1, 1, C], the literal h_t = Ā h_{t-1} + Δ x ⊗ B; y = h·C + D x. */
export function mamba2Step<V>(ops: Ops<V>, cfg: TransformerConfig, l: number, u: V, state: SsmState<V>): MixerResult<V> {
  const d = ssmDims(cfg);
  const { Di, H, P, N } = d;
  const { z, x, B, C, dt, A, nextConv } = front(ops, cfg, l, u, state.conv, d);
  const dt4 = ops.reshape(dt, [1, H, 1, 1]); // [1, H, 1, 1]
  const Abar = ops.exp(ops.mul(dt4, ops.reshape(A, [1, H, 1, 1]))); // [1, H, 1, 1]
  const xh = ops.reshape(x, [1, H, P, 1]); // [1, H, P, 1]
  const h = ops.tap(names.ssmState(l), ops.add(ops.mul(Abar, state.ssm), ops.mul(ops.mul(xh, dt4), ops.reshape(B, [1, 1, 1, N])))); // [1, H, P, N]
  const y = ops.add(ops.matmul(h, ops.reshape(C, [1, 1, N, 1])), ops.mul(ops.reshape(ops.param(`blocks.${l}.ssm.D`), [1, H, 1, 1]), xh)); // [1, H, P, 1]
  return { y: back(ops, cfg, l, ops.reshape(y, [1, 1, Di]), z), state: { conv: nextConv, ssm: h } };
}

/**
 * A linear time-invariant diagonal SSM (S4D: Gu, Gupta, Goel & Ré 2022), the "not selective"
 * contrast: per channel c and state n, h_t = Ā h_{t-1} + B̄ u_t, y_t = Re Σ_n C h_t, with Ā, B̄ FIXED
 * (not functions of u). Real diagonal A < 0 here (S4D-Real), zero-order hold over a fixed Δ:
 *   Ā = exp(Δ·A),   B̄ = (Ā - 1)/A · B     (exact ZOH for diagonal A)
 * u: [T] one channel; A, B, C: [N]; returns y [T]. Plain numbers: the lesson's 1-channel plots.
 */
export function s4dReal(u: ArrayLike<number>, A: ArrayLike<number>, B: ArrayLike<number>, C: ArrayLike<number>, dt: number): Float64Array {
  const N = A.length;
  const Abar = Float64Array.from({ length: N }, (_, n) => Math.exp(dt * A[n]));
  const Bbar = Float64Array.from({ length: N }, (_, n) => ((Abar[n] - 1) / A[n]) * B[n]);
  const h = new Float64Array(N);
  const y = new Float64Array(u.length);
  for (let i = 0; i < u.length; i++) {
    let s = 0;
    for (let n = 0; n < N; n++) {
      h[n] = Abar[n] * h[n] + Bbar[n] * u[i];
      s += C[n] * h[n];
    }
    y[i] = s;
  }
  return y;
}

/** The same LTI SSM as a convolution: y = K * u with kernel K_j = Σ_n C_n Ā_nʲ B̄_n (why LTI SSMs train fast). */
export function s4dKernel(A: ArrayLike<number>, B: ArrayLike<number>, C: ArrayLike<number>, dt: number, length: number): Float64Array {
  const K = new Float64Array(length);
  for (let n = 0; n < A.length; n++) {
    const Abar = Math.exp(dt * A[n]);
    const Bbar = ((Abar - 1) / A[n]) * B[n];
    let p = 1;
    for (let j = 0; j < length; j++) {
      K[j] += C[n] * p * Bbar;
      p *= Abar;
    }
  }
  return K;
}

/**
 * The Ops interface: every operation a model in lib/model may use. A model is a plain function
 * over Ops<V>; `V` is the value handle: a Tensor for EagerOps (computes now), a symbolic value
 * for GraphOps (records an ONNX node). Semantics follow ONNX so both sides agree exactly.
 *
 * Conventions: float32 everywhere except ids/positions (int64) and masks (bool);
 * reshape uses ONNX rules (0 copies the input dim, -1 infers one dim); axes may be negative;
 * binary ops broadcast NumPy-style.
 */
import type { Tensor } from '@/lib/tensor';

export interface Ops<V> {
  readonly kind: 'eager' | 'graph';

  // --- sources
  /** A named weight (a safetensors key from lib/model/config.ts); throws when missing. */
  param(name: string): V;
  /** A fixed float tensor built by the model (frequencies, slopes). */
  constant(t: Tensor): V;
  /**
   * Absolute positions of the T tokens in `ids` [1, T], counting the `pastKey` [1, nkv, P, hs]
   * cached tokens before them: query = P..P+T-1 (int64 [T]); key = 0..P+T-1 (int64 [S]).
   */
  positions(ids: V, pastKey: V | null): { query: V; key: V };

  // --- layout
  reshape(x: V, shape: number[]): V;
  transpose(x: V, perm: number[]): V;
  concat(xs: V[], axis: number): V;
  /** Elements [start, end) along `axis` (static bounds). */
  slice(x: V, axis: number, start: number, end: number): V;
  /** Rows of table [R, ...] at integer ids [...]: [...ids, ...]. */
  gather(table: V, ids: V): V;
  /** Broadcast to `shape` (ONNX Expand: dims of 1 in `shape` keep x's dim). */
  expand(x: V, shape: number[]): V;
  /** int64 / bool → float32. */
  toFloat(x: V): V;

  // --- math
  /** Batched a · b, or a · bᵀ with transB (transposes the last two axes of b). */
  matmul(a: V, b: V, opts?: { transB?: boolean }): V;
  /** x [..., in] · Wᵀ (+ b) with W [out, in] (PyTorch Linear). */
  linear(x: V, w: V, b?: V): V;
  add(a: V, b: V): V;
  sub(a: V, b: V): V;
  mul(a: V, b: V): V;
  scale(x: V, s: number): V;
  softmax(x: V): V;
  layerNorm(x: V, w: V, b: V | undefined, eps: number): V;
  rmsNorm(x: V, w: V, eps: number): V;
  gelu(x: V): V;
  silu(x: V): V;
  sin(x: V): V;
  cos(x: V): V;
  /** Bool mask x > s. */
  greater(x: V, s: number): V;
  /** `value` where cond is true, else x (cond broadcasts to x). */
  where(cond: V, value: number, x: V): V;

  /**
   * Optional fused RoPE (lib/model/positions.ts applyRope): x [1, n, T, hs] rotated by tables
   * cos/sin [T, hs/2], or null when this Ops has no fused form for x (applyRope then uses plain ops).
   */
  rotary?(x: V, cos: V, sin: V, hs: number): V | null;

  /**
   * Optional fused residual add + RMSNorm: sum = x + delta and rmsNorm(sum, w, eps) in one kernel,
   * or null when this Ops has none (the model then adds and norms with the ops above).
   */
  addRmsNorm?(x: V, delta: V, w: V, eps: number): { sum: V; normed: V } | null;

  /**
   * Optional fused attention of one token over a fixed-capacity cache (lib/model/build.ts cache
   * 'inplace'): qkv [1, 1, (nh + 2·nkv)·hs] straight from the packed projection (no RoPE yet),
   * past k/v [1, nkv, C, hs] valid in slots 0..p-1. RoPE (when slots.cos is given), the write of
   * the new k/v into slot p and causal attention over slots 0..p happen in one node. Returns
   * y [1, 1, nh·hs] and the cache with slot p written, or null when this Ops has no such kernel.
   */
  slotAttention?(qkv: V, past: { k: V; v: V }, slots: SlotInputs<V>, heads: { nh: number; nkv: number }): { y: V; k: V; v: V } | null;

  /** Publishes an intermediate under a name from lib/model/names.ts; returns x unchanged. */
  tap(name: string, x: V): V;

  // --- for MoE routing and state-space models (lib/model/moe.ts, ssm.ts)
  exp(x: V): V;
  /** log(1 + eˣ), computed stably (PyTorch's threshold: x > 20 gives x). */
  softplus(x: V): V;
  /** Inclusive cumulative sum along `axis` (ONNX CumSum, exclusive = reverse = 0). */
  cumsum(x: V, axis: number): V;
}

/**
 * The inputs of a one-token step over a fixed-capacity cache (Ops.slotAttention): the token's
 * position p (int32 [1], onnxruntime's seqlens_k = keys seen - 1), p + 1 (int32 scalar, its
 * total_sequence_length) and, for RoPE, cos/sin tables [C, hs/2] of every position.
 */
export interface SlotInputs<V> {
  seqlensK: V;
  total: V;
  cos?: V;
  sin?: V;
}

/** Which taps to record: all, none, or those a predicate accepts. */
export type TapFilter = boolean | ((name: string) => boolean);

export function wantsTap(filter: TapFilter, name: string): boolean {
  return typeof filter === 'function' ? filter(name) : filter;
}

/**
 * A Mixture-of-Experts feed-forward (Shazeer et al. 2017; Switch Transformer, Fedus et al. 2021;
 * Mixtral, Jiang et al. 2024), written once over Ops like transformer.ts. It replaces the dense
 * MLP of the blocks named by cfg.moe (weights: lib/model/config.ts, MoeConfig).
 *
 *   logits = x · Wrᵀ                [1, T, E]   router (no bias)
 *   probs  = softmax(logits)        [1, T, E]
 *   chosen = the k largest probs    [1, T, E]   0/1; a tie goes to the lower expert index
 *   gates  = probs·chosen / Σ probs·chosen      renormalised over the chosen k
 *   capacity (optional factor f): expert e serves at most ceil(f·T·k/E) tokens of this call, in
 *     position order; a later token routed to a full expert gets gate 0 for it ("dropped": its
 *     share is lost and the residual stream carries the token on). f only acts within one call
 *     (T = the tokens of this call): a one-token decode step never drops.
 *   y = Σ_e gates_e · expert_e(x) (+ shared(x) when sharedExpert)        [1, T, C]
 *
 * How it is computed, and what that costs. There are no Loop/Scan/TopK/NonZero nodes: the top-k
 * is a rank count (rank_e = #experts that beat e; chosen = rank < k) from broadcast compares and
 * a MatMul, and EVERY expert runs on EVERY token; the gate matrix (zeros off the chosen k) mixes
 * their outputs with one batched MatMul. This keeps all shapes static and every kernel on the GPU
 * (onnxruntime-web's contrib MoE op reads per-expert counts back to the CPU every call; TopK has
 * no JSEP kernel; see shared/notes/ort-web.md). The price: an expert MLP costs 2·fw·C·F FLOPs per
 * token (fw = 3 for SwiGLU, 2 for GELU), so this form spends E·2·fw·C·F per token where true
 * sparse routing (gather each expert's tokens, run, scatter back) would spend k·2·fw·C·F — E/k
 * times more expert FLOPs (2× for lm-moe's 4 experts top-2), while reading the same E expert
 * weight matrices once per call either way. `moeCost` gives both numbers for a config.
 *
 * Taps (names.ts): router logits / probs, chosen, gates, per-expert counts, dropped.
 * The load-balancing loss (Switch eq. 4, counted over top-k slots) is `loadBalancingLoss`.
 */
import type { Tensor } from '@/lib/tensor';
import type { MoeConfig, TransformerConfig } from './config';
import { names } from './names';
import type { Ops } from './ops';

export function moeInLayer(cfg: TransformerConfig, l: number): boolean {
  return !!cfg.moe && (cfg.moe.layers === undefined || cfg.moe.layers.includes(l));
}

/** [name, shape] of block l's MoE weights. */
export function moeWeightShapes(cfg: TransformerConfig, l: number): [string, number[]][] {
  const { dModel: C, dFF: F } = cfg;
  const E = (cfg.moe as MoeConfig).experts;
  const p = `blocks.${l}.moe`;
  const out: [string, number[]][] = [[`${p}.router.weight`, [E, C]], [`${p}.w1`, [E, F, C]]];
  if (cfg.mlp === 'swiglu') out.push([`${p}.w3`, [E, F, C]]);
  out.push([`${p}.w2`, [E, C, F]]);
  if (cfg.moe?.sharedExpert) {
    out.push([`${p}.shared.w1.weight`, [F, C]]);
    if (cfg.mlp === 'swiglu') out.push([`${p}.shared.w3.weight`, [F, C]]);
    out.push([`${p}.shared.w2.weight`, [C, F]]);
  }
  return out;
}

const vec = (values: number[], shape: number[]): Tensor => ({ data: Float32Array.from(values), shape });

/** Routing of x [1, T, C]: the tapped tensors, all [1, T, E] (counts [1, 1, E]). */
export interface Routing<V> {
  logits: V;
  probs: V;
  chosen: V;
  gates: V;
  counts: V;
  dropped?: V;
}

export function route<V>(ops: Ops<V>, moe: MoeConfig, l: number, x: V): Routing<V> {
  const { experts: E, topK: k } = moe;
  const logits = ops.tap(names.moeRouterLogits(l), ops.linear(x, ops.param(`blocks.${l}.moe.router.weight`))); // [1, T, E]
  const probs = ops.tap(names.moeRouterProbs(l), ops.softmax(logits)); // [1, T, E]
  // d[t, e, j] = p[t, j] - p[t, e]; expert j beats e when d > 0, or d = 0 and j < e.
  const d = ops.sub(ops.reshape(probs, [0, 0, 1, E]), ops.reshape(probs, [0, 0, E, 1])); // [1, T, E, E]
  const gt = ops.toFloat(ops.greater(d, 0)); // [1, T, E, E]
  const ge = ops.sub(ops.constant(vec([1], [1])), ops.toFloat(ops.greater(ops.scale(d, -1), 0))); // p_j ≥ p_e
  const lower = ops.constant(vec(Array.from({ length: E * E }, (_, i) => (i % E < Math.floor(i / E) ? 1 : 0)), [E, E])); // [e, j] = j < e
  const beats = ops.add(gt, ops.mul(lower, ops.sub(ge, gt))); // [1, T, E, E]
  const rank = ops.reshape(ops.matmul(beats, ops.constant(vec(Array(E).fill(1), [E, 1]))), [0, 0, E]); // [1, T, E]
  const notChosen = ops.greater(rank, k - 0.5); // bool [1, T, E]
  const chosen = ops.tap(names.moeChosen(l), ops.sub(ops.constant(vec([1], [1])), ops.toFloat(notChosen))); // [1, T, E]
  let gates = ops.softmax(ops.where(notChosen, -Infinity, logits)); // [1, T, E] = p_e / Σ_chosen p
  const queue = ops.cumsum(chosen, 1); // [1, T, E]  1-based place of the token in expert e's queue
  const counts = ops.tap(names.moeCounts(l), ops.slice(queue, 1, -1, 2 ** 30)); // [1, 1, E]
  let dropped: V | undefined;
  if (moe.capacityFactor != null) {
    // capacity c = f·T·k/E = f·(Σ_e counts_e)/E; keep iff place ≤ ceil(c) ⇔ c - place + 1 > 0.
    const slots = ops.matmul(counts, ops.constant(vec(Array(E).fill(1), [E, 1]))); // [1, 1, 1] = T·k
    const c = ops.scale(slots, moe.capacityFactor / E); // [1, 1, 1]
    const fits = ops.toFloat(ops.greater(ops.add(ops.sub(c, queue), ops.constant(vec([1], [1]))), 0)); // [1, T, E]
    const kept = ops.mul(chosen, fits); // [1, T, E]
    dropped = ops.tap(names.moeDropped(l), ops.sub(chosen, kept));
    gates = ops.mul(gates, kept);
  }
  gates = ops.tap(names.moeGates(l), gates);
  return { logits, probs, chosen, gates, counts, dropped };
}

/** Every expert on every token: x [1, T, C] → [E, T, C]. */
function allExperts<V>(ops: Ops<V>, cfg: TransformerConfig, l: number, x: V): V {
  const p = `blocks.${l}.moe`;
  const a = ops.matmul(x, ops.param(`${p}.w1`), { transB: true }); // [E, T, F]
  const h = cfg.mlp === 'gelu' ? ops.gelu(a) : ops.mul(ops.silu(a), ops.matmul(x, ops.param(`${p}.w3`), { transB: true })); // [E, T, F]
  return ops.matmul(h, ops.param(`${p}.w2`), { transB: true }); // [E, T, C]
}

/** The shared expert: an ordinary bias-free MLP under blocks.{l}.moe.shared. */
function shared<V>(ops: Ops<V>, cfg: TransformerConfig, l: number, x: V): V {
  const p = `blocks.${l}.moe.shared`;
  const a = ops.linear(x, ops.param(`${p}.w1.weight`)); // [1, T, F]
  const h = cfg.mlp === 'gelu' ? ops.gelu(a) : ops.mul(ops.silu(a), ops.linear(x, ops.param(`${p}.w3.weight`)));
  return ops.linear(h, ops.param(`${p}.w2.weight`)); // [1, T, C]
}

/** The MoE feed-forward of block l: x [1, T, C] → [1, T, C]. */
export function moeFeedForward<V>(ops: Ops<V>, cfg: TransformerConfig, l: number, x: V): V {
  const moe = cfg.moe as MoeConfig;
  const E = moe.experts;
  const C = cfg.dModel;
  const { gates } = route(ops, moe, l, x); // [1, T, E]
  const ye = ops.transpose(allExperts(ops, cfg, l, x), [1, 0, 2]); // [T, E, C]
  const mixed = ops.matmul(ops.reshape(gates, [-1, 1, E]), ye); // [T, 1, C]
  const y = ops.reshape(mixed, [1, -1, C]); // [1, T, C]
  return moe.sharedExpert ? ops.add(y, shared(ops, cfg, l, x)) : y;
}

/**
 * Switch-style load-balancing loss of one layer from its taps: probs and chosen [.., E] over
 * N tokens. f_e = (tokens that chose e) / (N·k), P_e = mean router probability of e;
 * loss = E · Σ_e f_e · P_e (1 when both are uniform; Fedus et al. 2021, eq. 4, with k slots).
 */
export function loadBalancingLoss(probs: Tensor, chosen: Tensor, k: number): number {
  const E = probs.shape[probs.shape.length - 1];
  const N = probs.data.length / E;
  const f = new Float64Array(E);
  const P = new Float64Array(E);
  for (let t = 0; t < N; t++) {
    for (let e = 0; e < E; e++) {
      f[e] += chosen.data[t * E + e] / (N * k);
      P[e] += probs.data[t * E + e] / N;
    }
  }
  let s = 0;
  for (let e = 0; e < E; e++) s += f[e] * P[e];
  return E * s;
}

/** Parameters and per-token expert FLOPs of one MoE layer: this dense-mix form vs true sparse routing. */
export function moeCost(cfg: TransformerConfig): { expertParams: number; activeExpertParams: number; flopsDenseMix: number; flopsSparse: number } {
  const moe = cfg.moe as MoeConfig;
  const fw = cfg.mlp === 'swiglu' ? 3 : 2;
  const one = fw * cfg.dModel * cfg.dFF;
  const sharedP = moe.sharedExpert ? one : 0;
  const router = moe.experts * cfg.dModel;
  return {
    expertParams: moe.experts * one + sharedP + router,
    activeExpertParams: moe.topK * one + sharedP + router,
    flopsDenseMix: 2 * (moe.experts * one + sharedP + router),
    flopsSparse: 2 * (moe.topK * one + sharedP + router),
  };
}

/** Per token, the chosen experts, most probable first: from the chosen and probs taps [1, T, E]. */
export function chosenExperts(chosen: Tensor, probs: Tensor): number[][] {
  const E = probs.shape[probs.shape.length - 1];
  const T = probs.data.length / E;
  return Array.from({ length: T }, (_, t) =>
    Array.from({ length: E }, (_, e) => e)
      .filter((e) => chosen.data[t * E + e] === 1)
      .sort((a, b) => probs.data[t * E + b] - probs.data[t * E + a] || a - b),
  );
}

/**
 * Tap and graph I/O names, shared by EagerOps (trace keys) and GraphOps (graph output names).
 * The UI asks for `names.attnProbs(layer)`; it never builds a string of its own.
 *
 * Shapes of each tap (B = 1; S = past + T keys; see the glossary in lib/tensor/index.ts):
 *   tokEmb [1, T, C]   posEmb [T, C] (learned / sinusoidal only)   embed [1, T, C] (block 0 input)
 *   per layer l:
 *     q [1, nh, T, hs]   k, v [1, nkv, T, hs]   (after RoPE, new tokens only)
 *     attnScores [1, nh, T, S]   q·kᵀ
 *     attnScaled [1, nh, T, S]   ·1/√hs (+ ALiBi bias)
 *     attnMasked [1, nh, T, S]   future keys set to -∞
 *     attnProbs  [1, nh, T, S]   softmax over keys
 *     attnOut    [1, nh, T, hs]  probs · v, per head, before the output projection
 *     mlpHidden  [1, T, F]       after the activation (GELU, or silu(gate)·up for SwiGLU)
 *     residMid   [1, T, C]       x + attn(norm1(x))
 *     residPost  [1, T, C]       residMid + mlp(norm2(residMid)): the block's output
 *   logits [1, T, V]
 */

export const names = {
  // graph inputs / outputs
  ids: (): string => 'ids',
  logits: (): string => 'logits',
  pastKey: (l: number): string => `past.${l}.key`,
  pastValue: (l: number): string => `past.${l}.value`,
  presentKey: (l: number): string => `present.${l}.key`,
  presentValue: (l: number): string => `present.${l}.value`,
  // taps
  tokEmb: (): string => 'tap.tok_emb',
  posEmb: (): string => 'tap.pos_emb',
  embed: (): string => 'tap.embed',
  q: (l: number): string => `tap.blocks.${l}.attn.q`,
  k: (l: number): string => `tap.blocks.${l}.attn.k`,
  v: (l: number): string => `tap.blocks.${l}.attn.v`,
  attnScores: (l: number): string => `tap.blocks.${l}.attn.scores`,
  attnScaled: (l: number): string => `tap.blocks.${l}.attn.scaled`,
  attnMasked: (l: number): string => `tap.blocks.${l}.attn.masked`,
  attnProbs: (l: number): string => `tap.blocks.${l}.attn.probs`,
  attnOut: (l: number): string => `tap.blocks.${l}.attn.out`,
  mlpHidden: (l: number): string => `tap.blocks.${l}.mlp.hidden`,
  residMid: (l: number): string => `tap.blocks.${l}.resid_mid`,
  residPost: (l: number): string => `tap.blocks.${l}.resid_post`,
  // MoE taps (lib/model/moe.ts), all [1, T, E] except counts [1, 1, E]
  moeRouterLogits: (l: number): string => `tap.blocks.${l}.moe.router_logits`,
  moeRouterProbs: (l: number): string => `tap.blocks.${l}.moe.router_probs`,
  /** 1 where the expert is among the token's top-k (before capacity), else 0. */
  moeChosen: (l: number): string => `tap.blocks.${l}.moe.chosen`,
  /** Renormalised top-k probabilities, 0 for unchosen and dropped experts. */
  moeGates: (l: number): string => `tap.blocks.${l}.moe.gates`,
  /** Tokens routed to each expert in this call, before dropping: [1, 1, E]. */
  moeCounts: (l: number): string => `tap.blocks.${l}.moe.counts`,
  /** 1 where the token chose the expert but the expert was full (capacity). */
  moeDropped: (l: number): string => `tap.blocks.${l}.moe.dropped`,
  // SSM taps (lib/model/ssm.ts)
  /** Δ after softplus: [1, T, H]. */
  ssmDt: (l: number): string => `tap.blocks.${l}.ssm.dt`,
  /** Input-dependent B and C: [1, T, N]. */
  ssmB: (l: number): string => `tap.blocks.${l}.ssm.B`,
  ssmC: (l: number): string => `tap.blocks.${l}.ssm.C`,
  /** The hidden state h after this token: [1, H, P, N] (recurrent form only: the parallel form never forms per-token states). */
  ssmState: (l: number): string => `tap.blocks.${l}.ssm.state`,
  // SSM recurrent state as graph inputs / outputs (the SSM's KV cache)
  pastConv: (l: number): string => `past.${l}.conv`,
  pastSsm: (l: number): string => `past.${l}.ssm`,
  presentConv: (l: number): string => `present.${l}.conv`,
  presentSsm: (l: number): string => `present.${l}.ssm`,
} as const;

const perLayer = ['q', 'k', 'v', 'attnScores', 'attnScaled', 'attnMasked', 'attnProbs', 'attnOut', 'mlpHidden', 'residMid', 'residPost'] as const;

/** Every tap name a model of `nLayer` blocks can publish (posEmb only with learned/sinusoidal positions). */
export function allTapNames(nLayer: number, withPosEmb: boolean): string[] {
  const out = [names.tokEmb(), ...(withPosEmb ? [names.posEmb()] : []), names.embed()];
  for (let l = 0; l < nLayer; l++) for (const k of perLayer) out.push(names[k](l));
  return out;
}

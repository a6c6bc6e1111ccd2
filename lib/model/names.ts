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
} as const;

const perLayer = ['q', 'k', 'v', 'attnScores', 'attnScaled', 'attnMasked', 'attnProbs', 'attnOut', 'mlpHidden', 'residMid', 'residPost'] as const;

/** Every tap name a model of `nLayer` blocks can publish (posEmb only with learned/sinusoidal positions). */
export function allTapNames(nLayer: number, withPosEmb: boolean): string[] {
  const out = [names.tokEmb(), ...(withPosEmb ? [names.posEmb()] : []), names.embed()];
  for (let l = 0; l < nLayer; l++) for (const k of perLayer) out.push(names[k](l));
  return out;
}

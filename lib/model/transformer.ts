/**
 * A decoder-only Transformer (GPT family), written once over Ops: EagerOps runs it now,
 * GraphOps records it as an ONNX graph. Weight names and conventions: lib/model/config.ts.
 *
 * What: token embedding (+ learned / sinusoidal positions, or RoPE / ALiBi inside attention),
 * L pre-norm blocks x = x + attn(norm1(x)); x = x + mlp(norm2(x)), a final norm and the LM head.
 * Attention is MHA, GQA or MQA (nKvHead), causal by default (cfg.attnMask: bidirectional for an
 * encoder, or a sliding window with sinks), with an optional KV cache (past → present).
 *
 * References: Vaswani et al. 2017 (attention, sinusoidal); Radford et al. 2019 (GPT-2, pre-norm,
 * tanh GELU); Karpathy's nanoGPT model.py (structure); Touvron et al. 2023 (Llama: RMSNorm,
 * SwiGLU, RoPE); Ainslie et al. 2023 (GQA); Shazeer 2019 (MQA); Press et al. 2022 (ALiBi).
 *
 * The MLP of a block may be a Mixture of Experts (cfg.moe, lib/model/moe.ts); a model whose
 * mixer is a state-space layer instead of attention runs through lib/model/ssm-lm.ts.
 *
 * Leaves out: dropout, batch > 1, padding masks,
 * training (lib/train), sampling (lib/sample).
 */
import { headSize, type TransformerConfig } from './config';
import { moeFeedForward, moeInLayer } from './moe';
import { names } from './names';
import type { Ops, SlotInputs } from './ops';
import { applyRope, positionContext, sinusoidal, type PositionContext } from './positions';

/** One layer's cache: keys (after RoPE) and values of every token so far, [1, nkv, S, hs]. */
export interface LayerKV<V> {
  k: V;
  v: V;
}

export interface ForwardResult<V> {
  /** [1, T, V] */
  logits: V;
  /** Per layer, the cache including this call's tokens: [1, nkv, P + T, hs]. */
  present: LayerKV<V>[];
  /** Per layer, this call's own keys (after RoPE) and values: [1, nkv, T, hs] (none for a slot step, whose present holds them). */
  fresh: (LayerKV<V> | undefined)[];
}

const optional = <V>(ops: Ops<V>, cfg: TransformerConfig, name: string): V | undefined =>
  cfg.bias ? ops.param(name) : undefined;

/** norm1 / norm2 / norm_f: LayerNorm (weight, bias when cfg.bias) or RMSNorm (weight). */
function norm<V>(ops: Ops<V>, cfg: TransformerConfig, prefix: string, x: V): V {
  const w = ops.param(`${prefix}.weight`); // [C]
  if (cfg.norm === 'rmsnorm') return ops.rmsNorm(x, w, cfg.normEps); // [1, T, C]
  return ops.layerNorm(x, w, optional(ops, cfg, `${prefix}.bias`), cfg.normEps); // [1, T, C]
}

/** A Linear by weight-name prefix: x · Wᵀ (+ b). */
function dense<V>(ops: Ops<V>, cfg: TransformerConfig, prefix: string, x: V): V {
  return ops.linear(x, ops.param(`${prefix}.weight`), optional(ops, cfg, `${prefix}.bias`));
}

/** Token embedding plus absolute positions (learned or sinusoidal); [1, T, C]. */
function embed<V>(ops: Ops<V>, cfg: TransformerConfig, ids: V, pos: PositionContext<V>): V {
  const tok = ops.tap(names.tokEmb(), ops.gather(ops.param('tok_emb.weight'), ids)); // [1, T, C]
  let pe: V | null = null;
  if (cfg.position === 'learned') pe = ops.gather(ops.param('pos_emb.weight'), pos.qpos); // [T, C]
  if (cfg.position === 'sinusoidal') pe = sinusoidal(ops, pos.qpos, cfg.dModel); // [T, C]
  if (pe === null) return ops.tap(names.embed(), tok);
  return ops.tap(names.embed(), ops.add(tok, ops.tap(names.posEmb(), pe))); // [1, T, C]
}

/** [1, T, n·hs] → [1, n, T, hs] */
function heads<V>(ops: Ops<V>, x: V, n: number, hs: number): V {
  return ops.transpose(ops.reshape(x, [0, 0, n, hs]), [0, 2, 1, 3]);
}

/**
 * GQA / MQA without copying the cache: query head h reads kv head ⌊h/g⌋ (g = nh/nkv), and the
 * heads of one group are adjacent, so q [1, nh, T, hs] viewed as [1, nkv, g·T, hs] lines each
 * group's rows up against its kv head; scores and outputs are viewed back per query head.
 */
function grouped<V>(ops: Ops<V>, x: V, nkv: number, g: number, last: number): V {
  return g === 1 ? x : ops.reshape(x, [0, nkv, -1, last]); // [1, nh, T, d] → [1, nkv, g·T, d]
}
function ungrouped<V>(ops: Ops<V>, x: V, nh: number, g: number, last: number): V {
  return g === 1 ? x : ops.reshape(x, [0, nh, -1, last]); // [1, nkv, g·T, d] → [1, nh, T, d]
}

/**
 * One token's attention over a fixed-capacity cache as one fused node (build.ts cache 'inplace'):
 * q, k and v from one packed projection, then Ops.slotAttention (RoPE, the cache write at slot p,
 * attention). Returns y [1, 1, C] and the cache with slot p written.
 */
function slotAttention<V>(ops: Ops<V>, cfg: TransformerConfig, l: number, x: V, slots: SlotInputs<V>, past?: LayerKV<V>): { y: V; kv: LayerKV<V> } {
  const p = `blocks.${l}.attn`;
  const part = (kind: 'weight' | 'bias') => ops.concat(['wq', 'wk', 'wv'].map((w) => ops.param(`${p}.${w}.${kind}`)), 0); // [(nh + 2·nkv)·hs, ...]
  const qkv = ops.linear(x, part('weight'), cfg.bias ? part('bias') : undefined); // [1, 1, (nh + 2·nkv)·hs]
  const r = past ? ops.slotAttention?.(qkv, past, slots, { nh: cfg.nHead, nkv: cfg.nKvHead }) : null;
  if (!r) throw new Error('a step over a cache written in place needs Ops.slotAttention and a past cache');
  return { y: dense(ops, cfg, `${p}.wo`, r.y), kv: { k: r.k, v: r.v } };
}

/** Causal self-attention of block l; returns [1, T, C], this layer's cache and (not for a slot step) this call's own k/v. */
function attention<V>(ops: Ops<V>, cfg: TransformerConfig, l: number, x: V, pos: PositionContext<V>, past?: LayerKV<V>): { y: V; kv: LayerKV<V>; fresh?: LayerKV<V> } {
  if (pos.slots) return slotAttention(ops, cfg, l, x, pos.slots, past);
  const p = `blocks.${l}.attn`;
  const hs = headSize(cfg);
  const { nHead: nh, nKvHead: nkv } = cfg;
  let q = heads(ops, dense(ops, cfg, `${p}.wq`, x), nh, hs); // [1, nh, T, hs]
  let k = heads(ops, dense(ops, cfg, `${p}.wk`, x), nkv, hs); // [1, nkv, T, hs]
  const vNew = heads(ops, dense(ops, cfg, `${p}.wv`, x), nkv, hs); // [1, nkv, T, hs]
  if (pos.rope) {
    q = applyRope(ops, q, pos.rope, hs); // [1, nh, T, hs]
    k = applyRope(ops, k, pos.rope, hs); // [1, nkv, T, hs]
  }
  ops.tap(names.q(l), q);
  ops.tap(names.k(l), k);
  ops.tap(names.v(l), vNew);
  const kAll = past ? ops.concat([past.k, k], 2) : k; // [1, nkv, S, hs]
  const vAll = past ? ops.concat([past.v, vNew], 2) : vNew; // [1, nkv, S, hs]
  const g = nh / nkv;
  const raw = ops.matmul(grouped(ops, q, nkv, g, hs), kAll, { transB: true }); // [1, nkv, g·T, S]
  const scores = ops.tap(names.attnScores(l), ungrouped(ops, raw, nh, g, 0)); // [1, nh, T, S]
  let scaled = ops.scale(scores, 1 / Math.sqrt(hs)); // [1, nh, T, S]
  if (pos.alibi) scaled = ops.add(scaled, pos.alibi); // [1, nh, T, S]
  ops.tap(names.attnScaled(l), scaled);
  const masked = ops.tap(names.attnMasked(l), pos.hidden ? ops.where(pos.hidden, -Infinity, scaled) : scaled); // [1, nh, T, S]
  const probs = ops.tap(names.attnProbs(l), ops.softmax(masked)); // [1, nh, T, S]
  const mixed = ops.matmul(grouped(ops, probs, nkv, g, 0), vAll); // [1, nkv, g·T, hs]
  const out = ops.tap(names.attnOut(l), ungrouped(ops, mixed, nh, g, hs)); // [1, nh, T, hs]
  const merged = ops.reshape(ops.transpose(out, [0, 2, 1, 3]), [0, 0, nh * hs]); // [1, T, nh·hs]
  return { y: dense(ops, cfg, `${p}.wo`, merged), kv: { k: kAll, v: vAll }, fresh: { k, v: vNew } }; // y [1, T, C]
}

/** MLP of block l: GELU (w2·gelu(w1·x)) or SwiGLU (w2·(silu(w1·x) ⊙ w3·x)); [1, T, C]. */
function mlp<V>(ops: Ops<V>, cfg: TransformerConfig, l: number, x: V): V {
  const p = `blocks.${l}.mlp`;
  const a = dense(ops, cfg, `${p}.w1`, x); // [1, T, F]
  const h = cfg.mlp === 'gelu' ? ops.gelu(a) : ops.mul(ops.silu(a), dense(ops, cfg, `${p}.w3`, x)); // [1, T, F]
  return dense(ops, cfg, `${p}.w2`, ops.tap(names.mlpHidden(l), h)); // [1, T, C]
}

/** Block l's feed-forward: the dense MLP, or the MoE where cfg.moe covers the block. */
function feedForward<V>(ops: Ops<V>, cfg: TransformerConfig, l: number, x: V): V {
  return moeInLayer(cfg, l) ? moeFeedForward(ops, cfg, l, x) : mlp(ops, cfg, l, x); // [1, T, C]
}

/**
 * x + delta and its norm (`prefix`): the residual add of one sublayer and the pre-norm of the next.
 * An Ops with a fused form (GraphOps fused: SkipSimplifiedLayerNormalization) does both at once.
 */
function addNorm<V>(ops: Ops<V>, cfg: TransformerConfig, prefix: string, x: V, delta: V): { sum: V; normed: V } {
  const fused = cfg.norm === 'rmsnorm' ? ops.addRmsNorm?.(x, delta, ops.param(`${prefix}.weight`), cfg.normEps) : null;
  if (fused) return fused;
  const sum = ops.add(x, delta); // [1, T, C]
  return { sum, normed: norm(ops, cfg, prefix, sum) };
}

/**
 * Pre-norm block l on the residual stream x and its norm1 n: returns the new stream and its norm
 * under `nextNorm` (the next block's norm1, or norm_f), so each residual add meets the norm after it.
 */
function block<V>(ops: Ops<V>, cfg: TransformerConfig, l: number, x: V, n: V, nextNorm: string, pos: PositionContext<V>, past?: LayerKV<V>): { x: V; n: V; kv: LayerKV<V>; fresh?: LayerKV<V> } {
  const { y, kv, fresh } = attention(ops, cfg, l, n, pos, past); // [1, T, C]
  const a = addNorm(ops, cfg, `blocks.${l}.norm2`, x, y);
  const mid = ops.tap(names.residMid(l), a.sum); // [1, T, C]
  const b = addNorm(ops, cfg, nextNorm, mid, feedForward(ops, cfg, l, a.normed));
  return { x: ops.tap(names.residPost(l), b.sum), n: b.normed, kv, fresh }; // [1, T, C] each
}

/**
 * The forward pass. ids: int64 [1, T]; past (optional): one cache entry per layer from an
 * earlier call, whose tokens come before ids; positions (optional): instead of deriving them from
 * the cache length (stepPositionContext for a fixed-capacity cache). Returns logits [1, T, V] and the updated cache.
 */
export function transformer<V>(ops: Ops<V>, cfg: TransformerConfig, ids: V, past?: LayerKV<V>[], positions?: PositionContext<V>): ForwardResult<V> {
  if (past && past.length !== cfg.nLayer) throw new Error(`past has ${past.length} layers, the model ${cfg.nLayer}`);
  const pos = positions ?? positionContext(ops, cfg, ids, past ? past[0].k : null); // given: a fixed-capacity step (build.ts)
  let x = embed(ops, cfg, ids, pos); // [1, T, C]
  let n = norm(ops, cfg, 'blocks.0.norm1', x); // [1, T, C]
  const present: LayerKV<V>[] = [];
  const fresh: (LayerKV<V> | undefined)[] = [];
  for (let l = 0; l < cfg.nLayer; l++) {
    const r = block(ops, cfg, l, x, n, l + 1 < cfg.nLayer ? `blocks.${l + 1}.norm1` : 'norm_f', pos, past?.[l]);
    x = r.x; // [1, T, C]
    n = r.n; // [1, T, C]
    present.push(r.kv);
    fresh.push(r.fresh);
  }
  const h = n; // norm_f(x) [1, T, C]
  const head = ops.param(cfg.tiedEmbeddings ? 'tok_emb.weight' : 'lm_head.weight'); // [V, C]
  const logits = ops.linear(h, head); // [1, T, V]
  return { logits, present, fresh };
}

/** Shared with the state-space model (lib/model/ssm-lm.ts), which swaps attention for a Mamba-2 mixer. */
export { norm, embed, feedForward };

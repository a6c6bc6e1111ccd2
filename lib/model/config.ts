/**
 * Transformer configuration: the one JSON shape shared by lib/model (TS eager + ONNX graph)
 * and training/ (PyTorch). A config file in models/<id>/config.json is exactly this object.
 *
 * Weight names (safetensors keys; Linear weights stored PyTorch-style as [out, in], so
 * y = x · Wᵀ (+ b)). The TS model and the PyTorch trainer MUST use exactly these names:
 *
 *   tok_emb.weight                 [V, C]
 *   pos_emb.weight                 [T, C]          only when position === 'learned'
 *   blocks.{i}.norm1.weight        [C]             (+ .bias [C] when norm === 'layernorm')
 *   blocks.{i}.attn.wq.weight      [nh*hs, C]      (+ .bias when bias)
 *   blocks.{i}.attn.wk.weight      [nkv*hs, C]     (+ .bias when bias)
 *   blocks.{i}.attn.wv.weight      [nkv*hs, C]     (+ .bias when bias)
 *   blocks.{i}.attn.wo.weight      [C, nh*hs]      (+ .bias when bias)
 *   blocks.{i}.norm2.weight        [C]             (+ .bias when layernorm)
 *   blocks.{i}.mlp.w1.weight       [F, C]          gelu: up-projection; swiglu: gate (silu branch)
 *   blocks.{i}.mlp.w3.weight       [F, C]          swiglu only: the linear "up" branch
 *   blocks.{i}.mlp.w2.weight       [C, F]          down-projection   (+ .bias on w1/w2/w3 when bias)
 *   norm_f.weight                  [C]             (+ .bias when layernorm)
 *   lm_head.weight                 [V, C]          only when tiedEmbeddings === false
 *
 * Conventions (both sides):
 *   - pre-norm blocks: x = x + attn(norm1(x)); x = x + mlp(norm2(x)); logits = norm_f(x) · Wheadᵀ
 *   - hs = dModel / nHead; query head h uses kv head floor(h / (nHead / nKvHead)) (GQA/MQA)
 *   - attention scale 1/sqrt(hs); causal mask; softmax in fp32
 *   - RoPE: "rotate-half" layout (GPT-NeoX / HF Llama): dims (j, j + hs/2) form pair j,
 *     inverse frequency invFreq[j] = base^(-2j/hs), j = 0..hs/2-1, angle = pos · invFreq[j]
 *     (a scaling rule may rewrite invFreq / pos: see lib/model/rope.ts); applied to Q and K.
 *   - sinusoidal: PE[pos, 2j] = sin(pos / 10000^(2j/C)), PE[pos, 2j+1] = cos(same); added to tok_emb.
 *   - ALiBi: no position embedding; score[h, i, j] += -slope[h] · (i - j), slopes for n heads
 *     (n a power of two) slope[h] = 2^(-8(h+1)/n); otherwise Press et al.'s interleaving rule.
 *   - GELU is the tanh approximation; RMSNorm: x / sqrt(mean(x²) + eps) · w; LayerNorm: the usual.
 */

export type NormKind = 'layernorm' | 'rmsnorm';
export type PositionKind = 'learned' | 'sinusoidal' | 'rope' | 'alibi' | 'none';
export type MlpKind = 'gelu' | 'swiglu';

export interface RopeConfig {
  /** Base of the inverse frequencies (10000 in RoFormer / Llama). */
  base: number;
  /** Optional context-extension rule; 'none' leaves frequencies untouched. */
  scaling?: { kind: 'none' } | { kind: 'pi'; factor: number } | { kind: 'ntk'; factor: number } | { kind: 'yarn'; factor: number; originalContext: number; betaFast?: number; betaSlow?: number };
}

/**
 * Which keys a query may see in attention (i = the query's absolute position, j = the key's):
 *   causal (default)  j ≤ i                                    decoder-only (GPT)
 *   bidirectional     every j                                  encoder-only (BERT-style masked LM)
 *   window            j ≤ i and (i - j < size or j < sinks)    sliding window (Beltagy et al. 2020)
 *                     with `sinks` first tokens always visible  (attention sinks, Xiao et al. 2024)
 * A window of size ≥ the sequence length is the causal mask. Built in lib/model/positions.ts
 * from Ops only, so the ONNX graph and the eager reference mask the same keys.
 */
export type AttentionMask =
  | { kind: 'causal' }
  | { kind: 'bidirectional' }
  | { kind: 'window'; size: number; sinks?: number }
  | SparseMask;

/**
 * Fixed sparse patterns (all causal, j ≤ i; d = i - j; lib/longctx/sparse-masks.ts draws them):
 *   strided         d < size or d mod stride = 0           local + strided (Child et al. 2019)
 *   dilated-window  d < size·dilation and d mod dilation = 0   dilated sliding window (Beltagy et al. 2020)
 *   global-local    d < size or j mod every = 0 or i mod every = 0   local window + global tokens
 *                   (every `every`-th position attends to and is seen by all; Beltagy et al. 2020,
 *                   Zaheer et al. 2020)
 * "x mod s = 0" is tested from Ops as cos(2πx/s) > cos(π/s), exact for integer x (see positions.ts).
 */
export type SparseMask =
  | { kind: 'strided'; size: number; stride: number }
  | { kind: 'dilated-window'; size: number; dilation: number }
  | { kind: 'global-local'; size: number; every: number };

export interface TransformerConfig {
  /** V: vocabulary size. */
  vocabSize: number;
  /** T_max: context length the model was trained at (learned positions have this many rows). */
  contextLength: number;
  /** L: number of blocks. */
  nLayer: number;
  /** C: residual width. */
  dModel: number;
  /** nh: query heads. */
  nHead: number;
  /** nkv: key/value heads (nHead = MHA, 1 = MQA, in between = GQA). Must divide nHead. */
  nKvHead: number;
  /** F: MLP hidden width. */
  dFF: number;
  norm: NormKind;
  normEps: number;
  position: PositionKind;
  /** Attention mask; absent = causal. */
  attnMask?: AttentionMask;
  rope?: RopeConfig;
  mlp: MlpKind;
  /** Output head shares tok_emb.weight. */
  tiedEmbeddings: boolean;
  /** Biases on every Linear and LayerNorm (RMSNorm never has one). */
  bias: boolean;
  /** Mixture-of-Experts feed-forward instead of the dense MLP (lib/model/moe.ts). */
  moe?: MoeConfig;
  /** Every block's attention replaced by a Mamba-2 mixer (lib/model/ssm.ts); position must be 'none'. */
  ssm?: SsmConfig;
}

/**
 * MoE weights of block i (experts are bias-free MLPs of width dFF, stacked on a leading axis E):
 *   blocks.{i}.moe.router.weight [E, C]
 *   blocks.{i}.moe.w1 [E, F, C]   blocks.{i}.moe.w3 [E, F, C] (swiglu)   blocks.{i}.moe.w2 [E, C, F]
 *   blocks.{i}.moe.shared.w1/w3/w2.weight   the shared expert, when sharedExpert (an ordinary MLP)
 */
export interface MoeConfig {
  /** E */
  experts: number;
  /** k: experts per token. */
  topK: number;
  sharedExpert?: boolean;
  /** f: expert e takes at most ceil(f·T·k/E) tokens of one forward call; later ones are dropped. */
  capacityFactor?: number | null;
  /** Blocks that use the MoE (default: every block). */
  layers?: number[];
}

/**
 * Mamba-2 mixer weights of block i (Di = expand·C, H = Di / headDim, N = dState, K = convKernel):
 *   blocks.{i}.ssm.in_proj.weight [2Di + 2N + H, C]   rows: z | x | B | C | dt
 *   blocks.{i}.ssm.conv.weight [Di + 2N, K]   blocks.{i}.ssm.conv.bias [Di + 2N]
 *   blocks.{i}.ssm.dt_bias [H]   blocks.{i}.ssm.A_log [H]   blocks.{i}.ssm.D [H]
 *   blocks.{i}.ssm.norm.weight [Di]   blocks.{i}.ssm.out_proj.weight [C, Di]
 */
export interface SsmConfig {
  dState: number;
  headDim: number;
  expand: number;
  convKernel: number;
}

/** hs: the width of one attention head. */
export function headSize(cfg: TransformerConfig): number {
  return cfg.dModel / cfg.nHead;
}

/** Throws a readable error when a config cannot describe a working model. */
export function validateConfig(cfg: TransformerConfig): TransformerConfig {
  const fail = (msg: string): never => {
    throw new Error(`Invalid transformer config: ${msg}`);
  };
  for (const k of ['vocabSize', 'contextLength', 'nLayer', 'dModel', 'nHead', 'nKvHead', 'dFF'] as const) {
    if (!Number.isInteger(cfg[k]) || cfg[k] <= 0) fail(`${k} must be a positive integer (got ${cfg[k]})`);
  }
  if (cfg.dModel % cfg.nHead !== 0) fail(`dModel ${cfg.dModel} is not divisible by nHead ${cfg.nHead}`);
  if (cfg.nHead % cfg.nKvHead !== 0) fail(`nHead ${cfg.nHead} is not divisible by nKvHead ${cfg.nKvHead}`);
  if (cfg.position === 'rope' && headSize(cfg) % 2 !== 0) fail('RoPE needs an even head size');
  if (cfg.position === 'rope' && !cfg.rope) fail('position "rope" needs a rope {base} block');
  const m = cfg.attnMask;
  if (m && !['causal', 'bidirectional', 'window', 'strided', 'dilated-window', 'global-local'].includes(m.kind)) fail(`attnMask.kind must be causal, bidirectional, window, strided, dilated-window or global-local`);
  if (m?.kind === 'window') {
    if (!Number.isInteger(m.size) || m.size < 1) fail(`attnMask.size must be a positive integer (got ${m.size})`);
    if (m.sinks != null && (!Number.isInteger(m.sinks) || m.sinks < 0)) fail(`attnMask.sinks must be a non-negative integer (got ${m.sinks})`);
  }
  if (m && (m.kind === 'strided' || m.kind === 'dilated-window' || m.kind === 'global-local')) {
    const period = m.kind === 'strided' ? m.stride : m.kind === 'dilated-window' ? m.dilation : m.every;
    if (!Number.isInteger(m.size) || m.size < 1) fail(`attnMask.size must be a positive integer (got ${m.size})`);
    if (!Number.isInteger(period) || period < 1 || period > 4096) fail(`attnMask ${m.kind}: the period must be an integer 1..4096 (got ${period})`);
  }
  if (cfg.moe) {
    const { experts, topK } = cfg.moe;
    if (!Number.isInteger(experts) || experts < 1) fail(`moe.experts must be a positive integer (got ${experts})`);
    if (!Number.isInteger(topK) || topK < 1 || topK > experts) fail(`moe.topK must be 1..${experts} (got ${topK})`);
    if (cfg.moe.capacityFactor != null && !(cfg.moe.capacityFactor > 0)) fail('moe.capacityFactor must be > 0');
  }
  if (cfg.ssm) {
    const { dState, headDim, expand, convKernel } = cfg.ssm;
    if (![dState, headDim, expand, convKernel].every((v) => Number.isInteger(v) && v > 0)) fail('ssm sizes must be positive integers');
    if (convKernel < 2) fail('ssm.convKernel must be at least 2');
    if ((expand * cfg.dModel) % headDim !== 0) fail(`ssm: expand·dModel ${expand * cfg.dModel} is not divisible by headDim ${headDim}`);
    if (cfg.position !== 'none') fail('an SSM model takes position "none" (the recurrence orders the tokens)');
  }
  return cfg;
}

/**
 * Parameter counts of a decoder-only Transformer from its config, grouped the way a student asks
 * about them (embeddings, attention, MLP, norms). The count itself is lib/model's: `weightShapes`
 * lists every weight our own Transformer would allocate for the config, and this file only sums
 * and groups them, so the number in the lesson is the number of floats the lab's model code uses.
 *
 *   ArchSpec               the architecture fields a count needs (a subset of TransformerConfig)
 *   toTransformerConfig    ArchSpec → lib/model's TransformerConfig (head count 1 for plain MHA:
 *                          with nh · hs = C the head count never changes the count, and GPT-3's
 *                          Table 2.1 lists head counts that do not divide d_model)
 *   countParams(spec)      { total, embedding, attention, mlp, norm, nonEmbedding }
 *   kaplanApprox(spec)     Kaplan et al. 2020, Table 1: N ≈ 2 · d_model · n_layer · (2 d_attn + d_ff)
 *                          = 12 · n_layer · d_model² when d_attn = d_model and d_ff = 4 d_model
 *                          (non-embedding; biases and norms left out)
 *   llamaFFN(d)            Llama's MLP width: 2/3 · 4d rounded UP to a multiple of 256
 *
 * Worked example (GPT-2 small: V 50257, T 1024, C 768, L 12, F 3072, LayerNorm with bias, learned
 * positions, tied head): embeddings 50257·768 + 1024·768 = 39,383,808; per layer attention
 * 4·768² + 4·768 = 2,362,368, MLP 2·768·3072 + 3072 + 768 = 4,722,432, two norms 4·768 = 3,072;
 * final norm 1,536 → 39,383,808 + 12 · 7,087,872 + 1,536 = 124,439,808.
 */
import { weightShapes } from '@/lib/model/init';
import type { MlpKind, NormKind, PositionKind, TransformerConfig } from '@/lib/model/config';

export interface ArchSpec {
  /** V */
  vocabSize: number;
  /** T: context length (counts only with learned positions). */
  contextLength: number;
  /** L */
  nLayer: number;
  /** C */
  dModel: number;
  /** nh: query heads. */
  nHead: number;
  /** nkv: key/value heads (= nHead for plain multi-head attention). */
  nKvHead: number;
  /** F: MLP hidden width. */
  dFF: number;
  norm: NormKind;
  position: PositionKind;
  mlp: MlpKind;
  tiedEmbeddings: boolean;
  bias: boolean;
}

export interface ParamBreakdown {
  total: number;
  /** Token (+ learned position) embeddings and an untied output head. */
  embedding: number;
  attention: number;
  mlp: number;
  norm: number;
  /** total − embedding: what Kaplan et al. call N. */
  nonEmbedding: number;
}

export function toTransformerConfig(s: ArchSpec): TransformerConfig {
  const mha = s.nKvHead === s.nHead;
  return {
    vocabSize: s.vocabSize,
    contextLength: s.contextLength,
    nLayer: s.nLayer,
    dModel: s.dModel,
    nHead: mha ? 1 : s.nHead,
    nKvHead: mha ? 1 : s.nKvHead,
    dFF: s.dFF,
    norm: s.norm,
    normEps: 1e-5,
    position: s.position,
    ...(s.position === 'rope' ? { rope: { base: 10000 } } : {}),
    mlp: s.mlp,
    tiedEmbeddings: s.tiedEmbeddings,
    bias: s.bias,
  };
}

/** Which group a weight name of lib/model/config.ts belongs to. */
function groupOf(name: string): keyof Omit<ParamBreakdown, 'total' | 'nonEmbedding'> {
  if (name.startsWith('tok_emb') || name.startsWith('pos_emb') || name.startsWith('lm_head')) return 'embedding';
  if (name.includes('.attn.')) return 'attention';
  if (name.includes('.mlp.')) return 'mlp';
  return 'norm';
}

export function countParams(spec: ArchSpec): ParamBreakdown {
  const out = { total: 0, embedding: 0, attention: 0, mlp: 0, norm: 0, nonEmbedding: 0 };
  for (const [name, shape] of weightShapes(toTransformerConfig(spec))) {
    const n = shape.reduce((a, b) => a * b, 1);
    out[groupOf(name)] += n;
    out.total += n;
  }
  out.nonEmbedding = out.total - out.embedding;
  return out;
}

/** Kaplan et al. 2020, Table 1: 2 · C · L · (2 · d_attn + F), with d_attn = C (non-embedding, no biases/norms). */
export function kaplanApprox(spec: Pick<ArchSpec, 'dModel' | 'nLayer' | 'dFF'>): number {
  return 2 * spec.dModel * spec.nLayer * (2 * spec.dModel + spec.dFF);
}

/** Llama's SwiGLU width: ⌈(2/3 · 4d) / 256⌉ · 256. llamaFFN(4096) = 11008, llamaFFN(5120) = 13824. */
export function llamaFFN(d: number, multipleOf = 256): number {
  const hidden = Math.floor((2 * 4 * d) / 3);
  return multipleOf * Math.ceil(hidden / multipleOf);
}

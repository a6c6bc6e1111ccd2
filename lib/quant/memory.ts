/**
 * The memory arithmetic of papers: weight bytes = parameters × bits per weight / 8.
 *
 * LLaMA's shapes (Touvron et al. 2023a, "LLaMA: Open and Efficient Foundation Language Models",
 * Table 2: dimension, heads, layers; §2.2: SwiGLU with hidden size 2/3·4d; vocabulary 32k, untied
 * head) give, through lib/model's own weight list, the parameter counts the paper reports: 6.7B,
 * 13.0B and 65.2B. The hidden size is rounded up to a multiple of 256 as in Meta's reference code
 * (facebookresearch/llama, model.py). Llama 2 (Touvron et al. 2023b, Table 1) gives sizes as 7B,
 * 13B and 70B; the 70B uses grouped-query attention and we take its nominal count.
 *
 * Bits per weight: fp32 32, fp16/bf16 16, int8 ≈ 8, int4 with fp16 scales per 32 = 4.5 (ggml
 * Q4_0), NF4 with an fp32 absmax per 64 = 4.5, and NF4 with double quantization = 4.127 (QLoRA §3:
 * the constants cost 32/64 = 0.5 bits per parameter, 8/64 + 32/(64·256) ≈ 0.127 after DQ).
 * GB here is 10⁹ bytes, as in the papers.
 */
import type { TransformerConfig } from '@/lib/model/config';
import { paramCount } from '@/lib/model/init';

/** SwiGLU hidden size of LLaMA: 2/3 · 4d rounded up to a multiple of 256 (Meta's model.py). */
export function llamaHidden(d: number, multipleOf = 256): number {
  const h = Math.floor((2 * 4 * d) / 3);
  return multipleOf * Math.ceil(h / multipleOf);
}

/** A LLaMA-1 architecture as our TransformerConfig (Table 2 of the LLaMA paper). */
export function llamaConfig(dModel: number, nHead: number, nLayer: number): TransformerConfig {
  return {
    vocabSize: 32000, contextLength: 2048, nLayer, dModel, nHead, nKvHead: nHead, dFF: llamaHidden(dModel),
    norm: 'rmsnorm', normEps: 1e-6, position: 'rope', rope: { base: 10000 }, mlp: 'swiglu', tiedEmbeddings: false, bias: false,
  };
}

export interface PaperModel {
  id: string;
  name: string;
  params: number;
  /** How the count was obtained. */
  source: string;
}

/** The models whose memory the lesson works out. */
export function paperModels(): PaperModel[] {
  const llama = (d: number, h: number, l: number) => paramCount(llamaConfig(d, h, l));
  return [
    { id: 'llama-7b', name: 'LLaMA 7B', params: llama(4096, 32, 32), source: 'counted from LLaMA Table 2 shapes' },
    { id: 'llama-13b', name: 'LLaMA 13B', params: llama(5120, 40, 40), source: 'counted from LLaMA Table 2 shapes' },
    { id: 'llama-65b', name: 'LLaMA 65B', params: llama(8192, 64, 80), source: 'counted from LLaMA Table 2 shapes' },
    { id: 'llama2-70b', name: 'Llama 2 70B', params: 70e9, source: 'nominal size (Llama 2 Table 1)' },
  ];
}

/** Bits per weight of the formats in the memory table. */
export const PAPER_BPW = {
  fp32: 32,
  fp16: 16,
  int8: 8,
  'int4 (g = 32, fp16 scale)': 4.5,
  'NF4 (g = 64, fp32 absmax)': 4.5,
  'NF4 + double quantization': 4 + 8 / 64 + 32 / (64 * 256),
} as const;

/** Bytes of `params` weights at `bpw` bits each. */
export function weightBytes(params: number, bpw: number): number {
  return (params * bpw) / 8;
}

export const GB = 1e9;

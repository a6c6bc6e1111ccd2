/**
 * Frozen model presets. 'tiny-random' is the committed random model (models/tiny-random/, made
 * by scripts/make-tiny-random.ts); 'lm-shape' has the shape of a small modern LM (Llama-style:
 * RMSNorm, RoPE, SwiGLU, GQA) at ~4.8 M parameters, used by benchmarks.
 */
import type { TransformerConfig } from './config';

const freeze = (c: TransformerConfig): Readonly<TransformerConfig> =>
  Object.freeze({ ...c, ...(c.rope ? { rope: Object.freeze({ ...c.rope }) } : {}) });

export const presets = Object.freeze({
  'tiny-random': freeze({
    vocabSize: 256, contextLength: 64, nLayer: 2, dModel: 64, nHead: 4, nKvHead: 2, dFF: 128,
    norm: 'rmsnorm', normEps: 1e-5, position: 'rope', rope: { base: 10000 }, mlp: 'swiglu',
    tiedEmbeddings: true, bias: false,
  }),
  'lm-shape': freeze({
    vocabSize: 2048, contextLength: 256, nLayer: 6, dModel: 256, nHead: 8, nKvHead: 2, dFF: 704,
    norm: 'rmsnorm', normEps: 1e-5, position: 'rope', rope: { base: 10000 }, mlp: 'swiglu',
    tiedEmbeddings: true, bias: false,
  }),
});

export type PresetId = keyof typeof presets;

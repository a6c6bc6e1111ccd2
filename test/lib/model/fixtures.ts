// Shared configs for model tests: one small config per option, covering every option at least once.
import type { TransformerConfig } from '@/lib/model/config';

export const base: TransformerConfig = {
  vocabSize: 23, contextLength: 16, nLayer: 2, dModel: 16, nHead: 4, nKvHead: 4, dFF: 24,
  norm: 'layernorm', normEps: 1e-5, position: 'learned', mlp: 'gelu', tiedEmbeddings: true, bias: true,
};

const rope = (scaling?: NonNullable<TransformerConfig['rope']>['scaling']): Partial<TransformerConfig> => ({
  position: 'rope', rope: { base: 10000, ...(scaling ? { scaling } : {}) },
});

/** name → config; together they cover MHA/GQA/MQA × norms × positions (+ RoPE rules) × MLPs × head tying × bias. */
export const variants: Record<string, TransformerConfig> = {
  'MHA layernorm learned gelu tied bias': base,
  'GQA rmsnorm rope swiglu untied no-bias': { ...base, nKvHead: 2, norm: 'rmsnorm', ...rope(), mlp: 'swiglu', tiedEmbeddings: false, bias: false },
  'MQA layernorm sinusoidal swiglu untied bias': { ...base, nKvHead: 1, position: 'sinusoidal', mlp: 'swiglu', tiedEmbeddings: false },
  'MHA rmsnorm alibi gelu tied no-bias': { ...base, norm: 'rmsnorm', position: 'alibi', bias: false },
  'GQA layernorm rope+PI gelu tied no-bias': { ...base, nKvHead: 2, ...rope({ kind: 'pi', factor: 2 }), bias: false },
  'MQA rmsnorm rope+NTK swiglu tied bias': { ...base, nKvHead: 1, norm: 'rmsnorm', ...rope({ kind: 'ntk', factor: 4 }), mlp: 'swiglu' },
  'MHA rmsnorm rope+YaRN gelu untied bias': { ...base, norm: 'rmsnorm', ...rope({ kind: 'yarn', factor: 4, originalContext: 8 }), tiedEmbeddings: false },
  'GQA rmsnorm rope swiglu bidirectional mask': { ...base, nKvHead: 2, norm: 'rmsnorm', ...rope(), mlp: 'swiglu', attnMask: { kind: 'bidirectional' } },
  'MHA layernorm alibi gelu window 3 + 1 sink': { ...base, position: 'alibi', attnMask: { kind: 'window', size: 3, sinks: 1 } },
  'GQA layernorm alibi(6 heads) swiglu untied bias': { ...base, dModel: 24, nHead: 6, nKvHead: 3, position: 'alibi', mlp: 'swiglu', tiedEmbeddings: false },
};

/** Init used by the parity tests: large enough that attention is far from uniform. */
export const testInit = { std: 0.3, normStd: 0.1, biasStd: 0.1 };

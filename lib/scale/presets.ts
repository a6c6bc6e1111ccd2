/**
 * Published model configs, each with the parameter count its source prints, so the lesson can
 * show "the paper says" next to "lib/model counts" and the tests can hold every row to it.
 *
 * Sources (architecture fields and printed counts):
 *   GPT-2   Radford et al. 2019, "Language Models are Unsupervised Multitask Learners", Table 2
 *           (layers, d_model; printed 117M / 345M / 762M / 1542M); vocabulary 50,257 and context
 *           1024 (§2.3). The released checkpoints' README (github.com/openai/gpt-2) says those
 *           printed counts "were wrong due to an error" and names the models 124M / 355M / 774M /
 *           1558M: `released` holds those, and our count matches them, not the paper.
 *   GPT-3   Brown et al. 2020, "Language Models are Few-Shot Learners", Table 2.1 (n_params,
 *           n_layers, d_model, n_heads; d_ff = 4 · d_model, n_ctx = 2048); same tokenizer as GPT-2.
 *           Table 2.1 prints 24 heads × 128 for XL (3072 ≠ 2048) and d_model 5140 for 13B
 *           (not a multiple of 40): we keep the printed d_model and attention width = d_model.
 *   Llama   Touvron et al. 2023a, "LLaMA: Open and Efficient Foundation Language Models", Table 2
 *           (dimension, heads, layers; printed 6.7B / 13.0B / 32.5B / 65.2B); RMSNorm, SwiGLU with
 *           width 2/3 · 4d (§2.2; rounded up to a multiple of 256 in the released code), RoPE,
 *           vocabulary 32,000, untied output head. Llama 2 7B (Touvron et al. 2023b) has the same
 *           shape: 6,738,415,616.
 *   lm      models/lm/config.json; manifest params 2,099,328.
 */
import { llamaFFN, type ArchSpec } from './params';

export interface Preset {
  id: string;
  label: string;
  family: 'GPT-2' | 'GPT-3' | 'Llama' | 'lab';
  spec: ArchSpec;
  /** The count the source prints, in parameters. */
  cited: number;
  /** How precisely the source prints it (e.g. '762M', '13.0B'). */
  citedText: string;
  source: string;
  /** GPT-2 only: the count of the released checkpoint. */
  released?: number;
}

const gpt2 = (L: number, C: number, nh: number): ArchSpec => ({
  vocabSize: 50257, contextLength: 1024, nLayer: L, dModel: C, nHead: nh, nKvHead: nh, dFF: 4 * C,
  norm: 'layernorm', position: 'learned', mlp: 'gelu', tiedEmbeddings: true, bias: true,
});
const gpt3 = (L: number, C: number, nh: number): ArchSpec => ({ ...gpt2(L, C, nh), contextLength: 2048 });
const llama = (L: number, C: number, nh: number): ArchSpec => ({
  vocabSize: 32000, contextLength: 2048, nLayer: L, dModel: C, nHead: nh, nKvHead: nh, dFF: llamaFFN(C),
  norm: 'rmsnorm', position: 'rope', mlp: 'swiglu', tiedEmbeddings: false, bias: false,
});

const R19 = 'Radford et al. 2019, Table 2';
const B20 = 'Brown et al. 2020, Table 2.1';
const T23 = 'Touvron et al. 2023a, Table 2';

export const PRESETS: readonly Preset[] = [
  { id: 'gpt2-small', label: 'GPT-2 small', family: 'GPT-2', spec: gpt2(12, 768, 12), cited: 117e6, citedText: '117M', released: 124e6, source: R19 },
  { id: 'gpt2-medium', label: 'GPT-2 medium', family: 'GPT-2', spec: gpt2(24, 1024, 16), cited: 345e6, citedText: '345M', released: 355e6, source: R19 },
  { id: 'gpt2-large', label: 'GPT-2 large', family: 'GPT-2', spec: gpt2(36, 1280, 20), cited: 762e6, citedText: '762M', released: 774e6, source: R19 },
  { id: 'gpt2-xl', label: 'GPT-2 XL', family: 'GPT-2', spec: gpt2(48, 1600, 25), cited: 1542e6, citedText: '1542M', released: 1558e6, source: R19 },
  { id: 'gpt3-small', label: 'GPT-3 Small', family: 'GPT-3', spec: gpt3(12, 768, 12), cited: 125e6, citedText: '125M', source: B20 },
  { id: 'gpt3-medium', label: 'GPT-3 Medium', family: 'GPT-3', spec: gpt3(24, 1024, 16), cited: 350e6, citedText: '350M', source: B20 },
  { id: 'gpt3-large', label: 'GPT-3 Large', family: 'GPT-3', spec: gpt3(24, 1536, 16), cited: 760e6, citedText: '760M', source: B20 },
  { id: 'gpt3-xl', label: 'GPT-3 XL', family: 'GPT-3', spec: gpt3(24, 2048, 24), cited: 1.3e9, citedText: '1.3B', source: B20 },
  { id: 'gpt3-2.7b', label: 'GPT-3 2.7B', family: 'GPT-3', spec: gpt3(32, 2560, 32), cited: 2.7e9, citedText: '2.7B', source: B20 },
  { id: 'gpt3-6.7b', label: 'GPT-3 6.7B', family: 'GPT-3', spec: gpt3(32, 4096, 32), cited: 6.7e9, citedText: '6.7B', source: B20 },
  { id: 'gpt3-13b', label: 'GPT-3 13B', family: 'GPT-3', spec: gpt3(40, 5140, 40), cited: 13.0e9, citedText: '13.0B', source: B20 },
  { id: 'gpt3-175b', label: 'GPT-3 175B', family: 'GPT-3', spec: gpt3(96, 12288, 96), cited: 175.0e9, citedText: '175.0B', source: B20 },
  { id: 'llama-7b', label: 'Llama 7B (Llama 2 7B)', family: 'Llama', spec: llama(32, 4096, 32), cited: 6.7e9, citedText: '6.7B', source: T23 },
  { id: 'llama-13b', label: 'Llama 13B', family: 'Llama', spec: llama(40, 5120, 40), cited: 13.0e9, citedText: '13.0B', source: T23 },
  { id: 'llama-33b', label: 'Llama 33B', family: 'Llama', spec: llama(60, 6656, 52), cited: 32.5e9, citedText: '32.5B', source: T23 },
  { id: 'llama-65b', label: 'Llama 65B', family: 'Llama', spec: llama(80, 8192, 64), cited: 65.2e9, citedText: '65.2B', source: T23 },
  {
    id: 'lm', label: 'lm (this lab)', family: 'lab', cited: 2099328, citedText: '2,099,328', source: 'models/manifest.json',
    spec: {
      vocabSize: 4096, contextLength: 256, nLayer: 8, dModel: 128, nHead: 4, nKvHead: 2, dFF: 384,
      norm: 'rmsnorm', position: 'rope', mlp: 'swiglu', tiedEmbeddings: true, bias: false,
    },
  },
];

export const PRESET_IDS = PRESETS.map((p) => p.id);

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

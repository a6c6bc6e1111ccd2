/**
 * The full weight list of a config (names and shapes from lib/model/config.ts) and a seeded
 * random initialization, for tests, benches and the committed tiny-random model.
 *
 * Init: Linear / embedding weights ~ N(0, std²) (GPT-2 uses std 0.02); norm weights 1 + N(0, normStd²);
 * biases N(0, biasStd²) (0 in training code; non-zero here so tests see them).
 */
import { mulberry32, randn, type Tensor } from '@/lib/tensor';
import { headSize, type TransformerConfig } from './config';
import type { WeightMap } from './eager';
import { moeInLayer, moeWeightShapes } from './moe';
import { ssmWeightShapes } from './ssm-shapes';

/** [name, shape] of every weight the config needs, in a stable order. */
export function weightShapes(cfg: TransformerConfig): [string, number[]][] {
  const C = cfg.dModel;
  const hs = headSize(cfg);
  const out: [string, number[]][] = [['tok_emb.weight', [cfg.vocabSize, C]]];
  if (cfg.position === 'learned') out.push(['pos_emb.weight', [cfg.contextLength, C]]);
  const norm = (p: string): void => {
    out.push([`${p}.weight`, [C]]);
    if (cfg.norm === 'layernorm' && cfg.bias) out.push([`${p}.bias`, [C]]);
  };
  const lin = (p: string, o: number, i: number): void => {
    out.push([`${p}.weight`, [o, i]]);
    if (cfg.bias) out.push([`${p}.bias`, [o]]);
  };
  for (let l = 0; l < cfg.nLayer; l++) {
    const b = `blocks.${l}`;
    norm(`${b}.norm1`);
    if (cfg.ssm) out.push(...ssmWeightShapes(cfg, l));
    else {
      lin(`${b}.attn.wq`, cfg.nHead * hs, C);
      lin(`${b}.attn.wk`, cfg.nKvHead * hs, C);
      lin(`${b}.attn.wv`, cfg.nKvHead * hs, C);
      lin(`${b}.attn.wo`, C, cfg.nHead * hs);
    }
    norm(`${b}.norm2`);
    if (moeInLayer(cfg, l)) out.push(...moeWeightShapes(cfg, l));
    else {
      lin(`${b}.mlp.w1`, cfg.dFF, C);
      if (cfg.mlp === 'swiglu') lin(`${b}.mlp.w3`, cfg.dFF, C);
      lin(`${b}.mlp.w2`, C, cfg.dFF);
    }
  }
  norm('norm_f');
  if (!cfg.tiedEmbeddings) out.push(['lm_head.weight', [cfg.vocabSize, C]]);
  return out;
}

export function paramCount(cfg: TransformerConfig): number {
  return weightShapes(cfg).reduce((s, [, sh]) => s + sh.reduce((a, b) => a * b, 1), 0);
}

export interface InitOptions {
  std?: number;
  normStd?: number;
  biasStd?: number;
}

export function randomWeights(cfg: TransformerConfig, seed: number, opts: InitOptions = {}): Map<string, Tensor> {
  const { std = 0.02, normStd = 0, biasStd = 0 } = opts;
  const rng = mulberry32(seed);
  const m = new Map<string, Tensor>();
  for (const [name, shape] of weightShapes(cfg)) {
    const n = shape.reduce((a, b) => a * b, 1);
    const isNormW = /norm(1|2|_f)\.weight$/.test(name);
    const isBias = name.endsWith('.bias');
    const data = isNormW ? randn(rng, n, normStd).map((v) => 1 + v) : randn(rng, n, isBias ? biasStd : std);
    m.set(name, { data, shape });
  }
  return m satisfies WeightMap;
}

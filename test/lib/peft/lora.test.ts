import { beforeAll, describe, expect, it } from 'vitest';
import { ids, mulberry32, randn, type Tensor } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import { EagerOps, type WeightMap } from '@/lib/model/eager';
import { GraphOps } from '@/lib/model/graph';
import { names } from '@/lib/model/names';
import { randomWeights } from '@/lib/model/init';
import { loadWeights } from '@/lib/model/weights';
import { transformer } from '@/lib/model/transformer';
import { encodeModel } from '@/lib/onnx';
import type { Ops } from '@/lib/model/ops';
import { AdamW, cloneWeights, crossEntropy, lossAndGrads, trainStep, type Var } from '@/lib/train';
import { LoraOps, adaptedWeights, initLora, isLoraName, loraA, loraB, loraParamCounts, mergeLora, unmergeLora, withAdapters, type LoraConfig } from '@/lib/peft';
import { relErr } from '../model/rel-err';
import { run, session } from '../model/ort';
import { read, readJson } from '../models/shipped';

const lora: LoraConfig = { r: 4, alpha: 8, targets: ['wq', 'wv', 'w2'] };
const toks = [72, 101, 108, 108, 111, 44, 32, 119, 111, 114, 108, 100, 33, 32, 72, 101, 108, 108, 111];
let cfg: TransformerConfig;
let base: WeightMap;

/** Adapters with B ≠ 0 too (a fresh B = 0 would make every adapted check trivial). */
function busyAdapters(seed: number): Map<string, Tensor> {
  const ad = initLora(cfg, lora, seed);
  const rng = mulberry32(seed + 1);
  for (const [n, t] of ad) if (n.endsWith('lora_B')) t.data.set(randn(rng, t.data.length, 0.05));
  return ad;
}
const wrap = (o: Ops<Var>): Ops<Var> => new LoraOps(o, cfg, lora);
const logitsOf = (ops: EagerOps | LoraOps<unknown>, c: TransformerConfig, t: number[]): Float32Array =>
  (transformer(ops as EagerOps, c, ids(t)).logits.data as Float32Array);
const loss = (w: WeightMap, l?: LoraConfig): number => {
  const ops = new EagerOps(w);
  const { logits } = transformer(l ? new LoraOps(ops, cfg, l) : ops, cfg, ids(toks.slice(0, -1)));
  return crossEntropy(logits as Tensor, toks.slice(1)).loss;
};

beforeAll(async () => {
  cfg = readJson<TransformerConfig>('models/tiny-random/config.json');
  base = await loadWeights(new Uint8Array(read('models/tiny-random/model.safetensors')), { config: cfg });
});

describe('LoRA parameter accounting', () => {
  it('counts r(m + n) per adapted matrix against m·n, by hand for lm at r = 8 on wq and wv', () => {
    const lm = readJson<TransformerConfig>('models/lm/config.json'); // C 128, 4 heads, 2 kv heads, 8 layers
    // wq [128, 128]: 8·(128 + 128) = 2048 vs 16384; wv [64, 128]: 8·(64 + 128) = 1536 vs 8192; × 8 layers.
    expect(loraParamCounts(lm, { r: 8, alpha: 16, targets: ['wq', 'wv'] })).toEqual({ lora: 8 * (2048 + 1536), full: 8 * (16384 + 8192) });
    const ad = initLora(lm, { r: 8, alpha: 16, targets: ['wq', 'wv'] }, 1);
    expect([...ad.values()].reduce((s, t) => s + t.data.length, 0)).toBe(28672);
  });
  it('adapts exactly the chosen projections of every block', () => {
    expect(adaptedWeights(cfg, lora).map((w) => `${w.name} [${w.out}, ${w.in}]`)).toEqual([
      'blocks.0.attn.wq.weight [64, 64]', 'blocks.0.attn.wv.weight [32, 64]', 'blocks.0.mlp.w2.weight [64, 128]',
      'blocks.1.attn.wq.weight [64, 64]', 'blocks.1.attn.wv.weight [32, 64]', 'blocks.1.mlp.w2.weight [64, 128]',
    ]);
  });
});

describe('LoRA init', () => {
  it('starts with B = 0 and A inside ±1/√n, so the adapted model equals the base exactly', () => {
    const ad = initLora(cfg, lora, 5);
    for (const w of adaptedWeights(cfg, lora)) {
      expect(ad.get(loraB(w.name))!.data.every((v) => v === 0)).toBe(true);
      const a = ad.get(loraA(w.name))!.data;
      expect(Math.max(...a.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(w.in));
      expect(Math.max(...a.map(Math.abs))).toBeGreaterThan(0.5 / Math.sqrt(w.in));
    }
    const plain = logitsOf(new EagerOps(base), cfg, toks);
    expect(logitsOf(new LoraOps(new EagerOps(withAdapters(base, ad)), cfg, lora), cfg, toks)).toEqual(plain);
  });
  it("draws A from N(0, 1/r²) with init 'gaussian' (PEFT)", () => {
    const a = initLora(cfg, { ...lora, r: 8, init: 'gaussian' }, 3).get(loraA('blocks.0.mlp.w2.weight'))!.data;
    const sd = Math.sqrt(a.reduce((s, v) => s + v * v, 0) / a.length);
    expect(sd).toBeGreaterThan(0.11);
    expect(sd).toBeLessThan(0.14);
  });
});

describe('LoRA merge and unmerge', () => {
  it('gives the same logits merged (W₀ + (α/r)BA) and unmerged (adapter branch), to 1e-5', () => {
    const ad = busyAdapters(9);
    const unmerged = logitsOf(new LoraOps(new EagerOps(withAdapters(base, ad)), cfg, lora), cfg, toks);
    const merged = logitsOf(new EagerOps(mergeLora(base, ad, cfg, lora)), cfg, toks);
    expect(relErr(merged, unmerged)).toBeLessThan(1e-5);
    expect(relErr(merged, logitsOf(new EagerOps(base), cfg, toks))).toBeGreaterThan(1e-3); // the adapter matters
  });
  it('unmerge restores the base weights (to float32 rounding) and leaves other weights shared', () => {
    const ad = busyAdapters(10);
    const merged = mergeLora(base, ad, cfg, lora);
    const back = unmergeLora(merged, ad, cfg, lora);
    for (const [n, t] of base) expect(relErr(back.get(n)!.data, t.data), n).toBeLessThan(1e-6);
    expect(merged.get('blocks.0.attn.wk.weight')).toBe(base.get('blocks.0.attn.wk.weight'));
  });
  it('runs in onnxruntime-web (LoraOps over GraphOps) with the same logits as the eager adapter', async () => {
    const ad = busyAdapters(11);
    const w = withAdapters(base, ad);
    const g = new GraphOps(w);
    const input = g.input(names.ids(), 'int64', [1, 'T']);
    g.output(names.logits(), transformer(new LoraOps(g, cfg, lora), cfg, input).logits);
    const s = await session(encodeModel(g.graph('lora'), { opsetVersion: 17, producerName: 'test' }));
    const out = await run(s, { [names.ids()]: ids(toks) });
    expect(relErr(out[names.logits()].data, logitsOf(new LoraOps(new EagerOps(w), cfg, lora), cfg, toks))).toBeLessThan(1e-4);
  });
});

describe('LoRA training', () => {
  it('gives gradients to A and B only, matching float32 directional differences', () => {
    const ad = busyAdapters(12);
    const w = withAdapters(cloneWeights(base), ad);
    const { grads } = lossAndGrads(w, cfg, toks, { trainable: isLoraName, wrap });
    expect([...grads.keys()].sort()).toEqual([...ad.keys()].sort());
    const rng = mulberry32(4);
    for (const [p, g] of grads) {
      const d = Float32Array.from(g, () => rng.normal());
      const n = Math.hypot(...d);
      const ana = g.reduce((s, v, i) => s + (v * d[i]) / n, 0);
      const x = w.get(p)!.data;
      const x0 = x.slice();
      x.set(x0.map((v, i) => v + (1e-2 * d[i]) / n));
      const fp = loss(w, lora);
      x.set(x0.map((v, i) => v - (1e-2 * d[i]) / n));
      const fm = loss(w, lora);
      x.set(x0);
      const num = (fp - fm) / 2e-2;
      expect(Math.abs(ana - num), `${p}: ${ana} vs ${num}`).toBeLessThan(5e-4 + 2e-3 * Math.abs(num));
    }
  });
  it('a LoRA fine-tune (r 4, AdamW) lowers the loss on a fixed text and leaves the base frozen', () => {
    const frozen = cloneWeights(base);
    const w = withAdapters(frozen, initLora(cfg, lora, 13));
    const before = loss(w, lora);
    const opt = new AdamW({ weightDecay: 0 });
    for (let s = 0; s < 8; s++) trainStep(w, cfg, toks, opt, { lr: 1e-2, trainable: isLoraName, wrap });
    expect(loss(w, lora)).toBeLessThan(before - 0.3);
    for (const [n, t] of base) expect(frozen.get(n)!.data, n).toEqual(t.data);
  });
});

describe('LoRA on random weights of another shape', () => {
  it('merge equals unmerged for a LayerNorm/GELU/bias model with every projection adapted', () => {
    const c: TransformerConfig = { ...cfg, norm: 'layernorm', mlp: 'gelu', bias: true, vocabSize: 40, position: 'learned', tiedEmbeddings: false };
    const all: LoraConfig = { r: 2, alpha: 2, targets: ['wq', 'wk', 'wv', 'wo', 'w1', 'w2'] };
    const w0 = randomWeights(c, 3, { std: 0.2, biasStd: 0.1 });
    const ad = initLora(c, all, 4);
    for (const [n, t] of ad) if (n.endsWith('lora_B')) t.data.set(randn(mulberry32(5), t.data.length, 0.1));
    const t = [1, 5, 9, 2, 30];
    const a = logitsOf(new LoraOps(new EagerOps(withAdapters(w0, ad)), c, all), c, t);
    expect(relErr(logitsOf(new EagerOps(mergeLora(w0, ad, c, all)), c, t), a)).toBeLessThan(1e-5);
  });
});

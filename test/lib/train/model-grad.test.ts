import { describe, expect, it } from 'vitest';
import { ids, mulberry32 } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import { EagerOps } from '@/lib/model/eager';
import { randomWeights } from '@/lib/model/init';
import { transformer } from '@/lib/model/transformer';
import { AdamW, GradOps, cloneWeights, crossEntropy, lossAndGrads, modelLogits, trainStep, warmupCosine, type Weights } from '@/lib/train';
import { variants, testInit } from '../model/fixtures';

const tokens = [3, 17, 5, 5, 9, 0, 22];

/** Eager (EagerOps, float32) mean next-token loss. */
function evalLoss(w: Weights, cfg: TransformerConfig, toks: number[]): number {
  const logits = modelLogits(new EagerOps(w), cfg, ids(toks.slice(0, -1)));
  return crossEntropy(logits as { data: Float32Array; shape: number[] }, toks.slice(1)).loss;
}

const mixed = { ...variants['GQA rmsnorm rope swiglu untied no-bias'], bias: false };
const ssmBase: TransformerConfig = { ...variants['MHA layernorm learned gelu tied bias'], norm: 'rmsnorm', position: 'none', bias: false, mlp: 'swiglu', ssm: { dState: 4, headDim: 8, expand: 2, convKernel: 4 } };
/** Every architecture option of lib/model, plus MoE (routing) and the Mamba-2 state-space LM. */
const all: Record<string, TransformerConfig> = {
  ...variants,
  'MoE 4 experts top-2, swiglu, rope': { ...mixed, moe: { experts: 4, topK: 2 } },
  'MoE 3 experts top-1 + shared expert, capacity 1.0, block 1 only': { ...mixed, mlp: 'gelu', moe: { experts: 3, topK: 1, sharedExpert: true, capacityFactor: 1, layers: [1] } },
  'Mamba-2 d16 N4 P8 K4 swiglu tied': ssmBase,
  'Mamba-2 N3 P4 K2 gelu untied + MoE': { ...ssmBase, mlp: 'gelu', tiedEmbeddings: false, ssm: { dState: 3, headDim: 4, expand: 1, convKernel: 2 }, moe: { experts: 2, topK: 1 } },
};

describe('whole-model gradients on every architecture option', () => {
  for (const [name, cfg] of Object.entries(all)) {
    it(`${name}: each weight's gradient agrees with a float32 directional difference`, () => {
      const w = cloneWeights(randomWeights(cfg, 7, testInit));
      const { loss, grads } = lossAndGrads(w, cfg, tokens);
      expect(loss).toBeCloseTo(evalLoss(w, cfg, tokens), 5);
      const rng = mulberry32(3);
      for (const [p, g] of grads) {
        // Directional derivative along a random unit direction d of this weight: ⟨g, d⟩.
        const d = Float32Array.from(g, () => rng.normal());
        const norm = Math.hypot(...d);
        const ana = g.reduce((s, v, i) => s + (v * d[i]) / norm, 0);
        const x = w.get(p)!.data;
        const x0 = x.slice();
        // The SSM path (exp, softplus, conv) is strongly curved at this init: a smaller step keeps the
        // O(h²) truncation error under the tolerance (and MoE top-k choices away from a flip).
        const h = cfg.ssm || cfg.moe ? 2e-3 : 1e-2;
        x.set(x0.map((v, i) => v + (h * d[i]) / norm));
        const fp = evalLoss(w, cfg, tokens);
        x.set(x0.map((v, i) => v - (h * d[i]) / norm));
        const fm = evalLoss(w, cfg, tokens);
        x.set(x0);
        const num = (fp - fm) / (2 * h);
        expect(Math.abs(ana - num), `${p}: analytic ${ana}, numeric ${num}`).toBeLessThan(5e-4 + 2e-3 * Math.abs(num));
      }
    });
  }
});

describe('training the tiny model', () => {
  it('lowers the loss on a repeating sequence with AdamW, warm-up + cosine and clipping (seed 1)', () => {
    const cfg = { ...variants['GQA rmsnorm rope swiglu untied no-bias'], vocabSize: 8, contextLength: 16 };
    const w = cloneWeights(randomWeights(cfg, 1, { std: 0.1 }));
    const seq = Array.from({ length: 13 }, (_, i) => [1, 4, 2, 7][i % 4]);
    const opt = new AdamW({ weightDecay: 0.01 });
    const sched = { lrMax: 1e-2, warmup: 5, total: 40 };
    const losses = Array.from({ length: 40 }, (_, s) => trainStep(w, cfg, seq, opt, { lr: warmupCosine(sched, s), clip: 1 }).loss);
    expect(losses[0]).toBeGreaterThan(1.5); // ≈ ln 8 at init
    expect(evalLoss(w, cfg, seq)).toBeLessThan(0.1 * losses[0]);
  });
  it('gives gradients only to trainable weights and leaves frozen ones untouched by a step', () => {
    const cfg = variants['MHA layernorm learned gelu tied bias'];
    const w = cloneWeights(randomWeights(cfg, 2, testInit));
    const before = w.get('tok_emb.weight')!.data.slice();
    const ops = new GradOps(w, { trainable: (n) => n.startsWith('blocks.1.') });
    const { logits } = transformer(ops, cfg, ops.ids(ids(tokens.slice(0, -1))));
    ops.backward(ops.crossEntropy(logits, tokens.slice(1)));
    expect([...ops.grads().keys()].every((n) => n.startsWith('blocks.1.'))).toBe(true);
    expect(ops.grads().size).toBeGreaterThan(0);
    trainStep(w, cfg, tokens, new AdamW(), { lr: 0.1, trainable: (n) => n.startsWith('blocks.1.') });
    expect(w.get('tok_emb.weight')!.data).toEqual(before);
  });
});

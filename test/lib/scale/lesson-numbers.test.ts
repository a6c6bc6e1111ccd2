/**
 * Every number the two lessons (training-at-scale.mdx, scaling-laws.mdx) state in prose, hints and
 * solutions, recomputed with lib/scale and held to the value the text prints. Where a number has an
 * independent form (a hand product, a closed formula), the test checks both.
 */
import { describe, expect, it } from 'vitest';
import { countParams } from '@/lib/scale/params';
import { presetById } from '@/lib/scale/presets';
import { activationBytesPerLayer, modelStateBytes, trainingMemory } from '@/lib/scale/memory';
import { bubbleFraction, ringAllReduceBytes } from '@/lib/scale/parallel';
import { chinchillaOptimal, growth, trainingFlops, twentyTokens } from '@/lib/scale/scaling';
import { bestPerSize, sweepPoints } from '@/lib/scale/sweeps';
import { fitPowerLaw, fitPowerLawFloor } from '@/lib/scale/fit';

const GB = 1e9;
const llama7b = countParams(presetById('llama-7b')!.spec).total;
const llamaShape = { seq: 2048, microBatch: 1, hidden: 4096, heads: 32 };

describe('Training at scale: the numbers in the text', () => {
  it('GPT-2 medium, large and XL count 355M, 774M and 1558M; GPT-3 Small 125.2M and Medium 355.9M', () => {
    const m = (id: string) => countParams(presetById(id)!.spec).total / 1e6;
    expect(Math.round(m('gpt2-medium'))).toBe(355);
    expect(Math.round(m('gpt2-large'))).toBe(774);
    expect(Math.round(m('gpt2-xl'))).toBe(1558);
    expect(m('gpt3-small').toFixed(1)).toBe('125.2');
    expect(m('gpt3-medium').toFixed(1)).toBe('355.9');
  });

  it('Llama 7B on one GPU: 107.8 GB of states + 30.6 GB of activations; 8-bit 67.4 + 30.6 = 98 GB', () => {
    const full = trainingMemory(llama7b, 32, llamaShape, { precision: 'mixed', optimizer: 'adam', recompute: 'none' });
    expect((full.total / GB).toFixed(1)).toBe('107.8');
    expect(full.total).toBe(16 * llama7b);
    expect((full.activations / GB).toFixed(1)).toBe('30.6');
    expect(full.activations).toBe(32 * 2048 * 4096 * 114);
    expect((full.all / GB).toFixed(1)).toBe('138.4');
    const eight = trainingMemory(llama7b, 32, llamaShape, { precision: 'mixed', optimizer: 'adam8bit', recompute: 'none' });
    expect((eight.total / GB).toFixed(1)).toBe('67.4');
    expect(Math.round(eight.all / GB)).toBe(98);
    expect(eight.all).toBeGreaterThan(80 * GB);
  });

  it('8-bit Adam with selective recomputation fits (9.1 GB, 76.5 GB in all), with full it is about 68 GB', () => {
    const sel = trainingMemory(llama7b, 32, llamaShape, { precision: 'mixed', optimizer: 'adam8bit', recompute: 'selective' });
    expect((sel.activations / GB).toFixed(1)).toBe('9.1');
    expect((sel.all / GB).toFixed(1)).toBe('76.5');
    expect(sel.all).toBeLessThan(80 * GB);
    const full = trainingMemory(llama7b, 32, llamaShape, { precision: 'mixed', optimizer: 'adam8bit', recompute: 'full' });
    expect((full.activations / GB).toFixed(2)).toBe('0.54');
    expect(Math.round(full.all / GB)).toBe(68);
    // full recomputation alone (no 8-bit optimizer) does not fit: the model states are 107.8 GB
    const adamFull = trainingMemory(llama7b, 32, llamaShape, { precision: 'mixed', optimizer: 'adam', recompute: 'full' });
    expect(adamFull.all).toBeGreaterThan(80 * GB);
  });

  it("lm at batch 64 × 256: 33.6 MB of model states against 1.24 GB of activations, about 37 times more", () => {
    const shape = { seq: 256, microBatch: 64, hidden: 128, heads: 4 };
    expect(256 * 64 * 128).toBe(2_097_152);
    expect((5 * 4 * 256) / 128).toBe(40);
    const m = trainingMemory(2_099_328, 8, shape, { precision: 'mixed', optimizer: 'adam', recompute: 'none' });
    expect((m.total / 1e6).toFixed(1)).toBe('33.6');
    expect(m.activations).toBe(8 * 2_097_152 * 74);
    expect((m.activations / GB).toFixed(2)).toBe('1.24');
    expect(Math.round(m.activations / m.total)).toBe(37);
  });

  it('fp32 weights of Llama 7B are 27 GB (the e2e check) and fp32 activations double only the 16-bit parts', () => {
    expect(Math.round(modelStateBytes(llama7b, 'fp32', 'adam').weights / GB)).toBe(27);
    expect(activationBytesPerLayer(llamaShape, { recompute: 'none', precision: 'fp32' })).toBe(2048 * 4096 * (66 + (9 * 32 * 2048) / 4096));
  });

  it('the bubble with p = 4 first drops below 10% at m = 28 (3/31 ≈ 9.7%); m = 27 gives exactly 10%', () => {
    expect(bubbleFraction(4, 27)).toBeCloseTo(0.1, 12);
    expect(bubbleFraction(4, 28)).toBeCloseTo(3 / 31, 12);
    expect((100 * bubbleFraction(4, 28)).toFixed(1)).toBe('9.7');
  });

  it('plain data parallelism on 8 GPUs sends 1.75 × 13.5 GB ≈ 23.6 GB of bf16 gradients per GPU per step', () => {
    expect((2 * llama7b / GB).toFixed(1)).toBe('13.5');
    expect((ringAllReduceBytes(2 * llama7b, 8) / GB).toFixed(1)).toBe('23.6');
    expect(ringAllReduceBytes(2 * llama7b, 8)).toBeCloseTo(1.75 * 2 * llama7b, 0);
  });
});

describe('Scaling laws: the numbers in the text', () => {
  it("Kaplan's α_N = 0.076: doubling N multiplies the loss by about 0.95", () => {
    expect((2 ** -0.076).toFixed(2)).toBe('0.95');
  });

  it('GPT-3 saw 1.7 tokens per parameter; Chinchilla 20', () => {
    expect((300e9 / 175e9).toFixed(1)).toBe('1.7');
    expect(1.4e12 / 70e9).toBe(20);
  });

  it("at Gopher's 5.76e23 FLOPs: 20 tokens/param gives 69B, the printed fit's valley 32B at 93 tokens/param", () => {
    expect(Math.round(twentyTokens(5.76e23).params / 1e9)).toBe(69);
    const o = chinchillaOptimal(5.76e23);
    expect(Math.round(o.params / 1e9)).toBe(32);
    expect(Math.round(o.tokensPerParam)).toBe(93);
    // the slider (log10 C in steps of 0.02) gets no closer than 10^23.76 ≈ 5.75e23: same answers
    const C = 10 ** 23.76;
    expect((C / 1e23).toFixed(2)).toBe('5.75');
    expect(Math.round(twentyTokens(C).params / 1e9)).toBe(69);
    expect(Math.round(chinchillaOptimal(C).params / 1e9)).toBe(32);
    expect(Math.round(chinchillaOptimal(C).tokensPerParam)).toBe(93);
  });

  it('C = 1e21: 2.9B parameters on 58B tokens; ×10: 9.1B on 183B (20 tokens) or 15.5B on 108B (Kaplan)', () => {
    const a = twentyTokens(1e21);
    expect((a.params / 1e9).toFixed(1)).toBe('2.9');
    expect((a.tokens / 1e10).toFixed(1)).toBe('5.8');
    const b = twentyTokens(1e22);
    expect((b.params / 1e9).toFixed(1)).toBe('9.1');
    expect(Math.round(b.tokens / 1e9)).toBe(183);
    const g = growth(10);
    expect(g.kaplan.params.toFixed(1)).toBe('5.4');
    expect(g.kaplan.tokens.toFixed(1)).toBe('1.9');
    expect((a.params * g.kaplan.params / 1e9).toFixed(1)).toBe('15.5');
    expect(Math.round(a.tokens * g.kaplan.tokens / 1e9)).toBe(108);
  });

  const pts = sweepPoints();
  const best = bestPerSize(pts.filter((p) => p.contextLength === 256));

  it('the sweep: 22 runs, six sizes from 0.36M to 2.45M, 20–130M tokens, 3000–8000 steps, dropout 0–0.3', () => {
    expect(pts.length).toBe(22);
    const sizes = [...new Set(pts.map((p) => p.params))].sort((a, b) => a - b);
    expect(sizes.length).toBe(6);
    expect((sizes[0] / 1e6).toFixed(2)).toBe('0.36');
    expect((sizes[5] / 1e6).toFixed(2)).toBe('2.45');
    const tokens = pts.map((p) => p.tokens / 1e6);
    expect(Math.round(Math.min(...tokens))).toBe(20);
    expect(Math.round(Math.max(...tokens))).toBe(129);
    expect(pts.filter((p) => p.contextLength === 128).map((p) => p.config).sort()).toEqual(
      ['lm-alibi', 'lm-alibi', 'lm-learned-pos', 'lm-learned-pos', 'lm-rope-128', 'lm-rope-128']);
    const drop = pts.map((p) => p.dropout);
    expect(Math.min(...drop)).toBe(0);
    expect(Math.max(...drop)).toBe(0.3);
  });

  it('best per size: L ≈ 7.64 N^−0.053; non-embedding 0.035; the floor form runs to the edge of its range', () => {
    const f = fitPowerLaw(best.map((p) => p.params), best.map((p) => p.valLoss));
    expect(f.a.toFixed(2)).toBe('7.64');
    expect(f.alpha.toFixed(3)).toBe('0.053');
    const ne = fitPowerLaw(best.map((p) => p.nonEmbedding), best.map((p) => p.valLoss));
    expect(ne.alpha.toFixed(3)).toBe('0.035');
    const floor = fitPowerLawFloor(best.map((p) => p.params), best.map((p) => p.valLoss));
    expect(floor.alpha).toBeCloseTo(3, 6);
  });

  it('the three 2.1–2.45M models are 0.36–0.38 nats below the 0.36M draft; two-point α ≈ 0.058', () => {
    const [draft, ...big] = best;
    expect(big.length).toBe(3);
    for (const p of big) {
      expect(p.params).toBeGreaterThanOrEqual(2.09e6);
      expect(p.params).toBeLessThanOrEqual(2.46e6);
      const gap = draft.valLoss - p.valLoss;
      expect(gap).toBeGreaterThan(0.355);
      expect(gap).toBeLessThan(0.385);
    }
    expect(draft.valLoss.toFixed(3)).toBe('3.879');
    const lm = best.find((p) => p.params === 2_099_328)!;
    expect(lm.valLoss.toFixed(3)).toBe('3.500');
    expect((Math.log(3.879 / 3.5) / Math.log(2_099_328 / 360_768)).toFixed(3)).toBe('0.058');
    // the other two mid-size models did worse than lm
    for (const p of big.filter((q) => q !== lm)) expect(p.valLoss).toBeGreaterThan(lm.valLoss);
  });

  it('lm saw 126M tokens: 60 tokens/param, 1.6e15 FLOPs, which 20 tokens/param would spend as 3.6M on 73M', () => {
    const lm = pts.find((p) => p.id === 'lm-d128-l8-mix-drop20-8k')!;
    expect(Math.round(lm.tokens / 1e6)).toBe(126);
    expect(Math.round(lm.tokens / lm.params)).toBe(60);
    expect((lm.flops / 1e15).toFixed(1)).toBe('1.6');
    expect(lm.flops).toBe(trainingFlops(lm.params, lm.tokens));
    const t = twentyTokens(lm.flops);
    expect((t.params / 1e6).toFixed(1)).toBe('3.6');
    expect(Math.round(t.tokens / 1e6)).toBe(73);
  });
});

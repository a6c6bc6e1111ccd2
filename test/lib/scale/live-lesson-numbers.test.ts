/**
 * The numbers the two lessons print about the live widgets: the scale-live challenge (tokens per
 * model at C = 10⁹, the 20-token valley), and lm's real gradients at 64 tokens (the shares in the
 * prose, the overflow step and the leftover zeros of the mp-gradients challenge). One backward pass
 * of lm, shared by every check.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWeights } from '@/lib/model/weights';
import { reviveTokenizer } from '@/lib/tokenizer';
import { GradOps, modelLogits } from '@/lib/train';
import { ids } from '@/lib/tensor';
import { gradStats, type GradStats } from '@/lib/scale/jobs';
import { livePlan } from '@/lib/scale/live';
import { twentyTokens } from '@/lib/scale/scaling';
import { FP16_RANGE, classifyScaled, sortedMagnitudes } from '@/lib/quant/half-range';

describe('Scaling laws: the live experiment in the text', () => {
  it('at 10⁹ FLOPs width 16 gets ≈ 24,400 characters (3.6 per parameter), width 48 ≈ 2,900 (0.05) in 45 steps; the rule says ≈ 2,900 parameters', () => {
    const [d16, , , d48] = livePlan(1e9);
    expect(d16.params).toBe(6832);
    expect(d48.params).toBe(57360);
    expect(Math.round(d16.tokens / 100) * 100).toBe(24400);
    expect((d16.tokens / d16.params).toFixed(1)).toBe('3.6');
    expect(Math.round(d48.tokens / 100) * 100).toBe(2900);
    expect((d48.tokens / d48.params).toFixed(2)).toBe('0.05');
    expect(d48.steps).toBe(45);
    expect(d16.tokens / d48.tokens).toBeGreaterThan(8); // "about eight times as many characters"
    expect(d16.tokens / d48.tokens).toBeLessThan(8.5);
    expect(Math.round(twentyTokens(1e9).params / 100) * 100).toBe(2900);
  });
});

describe("Training at scale: lm's gradients at 64 tokens", () => {
  let s: GradStats;
  let emb: Float32Array;
  beforeAll(async () => {
    const cfg = JSON.parse(readFileSync('models/lm/config.json', 'utf8'));
    const w = await loadWeights(new Uint8Array(readFileSync('models/lm/model.safetensors')), { config: cfg });
    const tok = reviveTokenizer(readFileSync('models/tokenizer/austen-bpe-4096.json', 'utf8'));
    const ex = JSON.parse(readFileSync('public/data/corpus-excerpt.json', 'utf8')) as { windows: { role: string; text: string }[] };
    const toks = tok.encode(ex.windows.find((x) => x.role === 'validation')!.text).slice(0, 65);
    const g = new GradOps(w);
    const loss = g.crossEntropy(modelLogits(g, cfg, g.ids(ids(toks.slice(0, -1)))), toks.slice(1));
    g.backward(loss);
    const grads = g.grads();
    emb = grads.get('tok_emb.weight')!;
    s = gradStats(grads.values(), (loss.value.data as Float32Array)[0], 64);
  }, 30_000);

  it('unscaled: about 2% flush to zero and about 20% turn subnormal in fp16, none in bf16', () => {
    const k0 = s.perK[0];
    expect(s.count).toBe(2_099_328);
    expect((100 * k0.fp16.zero / k0.fp16.total).toFixed(0)).toBe('2');
    expect((100 * k0.fp16.subnormal / k0.fp16.total).toFixed(0)).toBe('20');
    expect(k0.bf16.zero + k0.bf16.subnormal).toBe(0);
  });

  it('all but about 70 of the flushed ones are in the tied embedding matrix', () => {
    const inEmb = classifyScaled(sortedMagnitudes([emb]).abs, 0, FP16_RANGE).zero;
    expect(Math.round((s.perK[0].fp16.zero - inEmb) / 10) * 10).toBe(70);
  });

  it('the largest |g| ≈ 0.63 overflows first at k = 17; at k = 16 about 200 remain zero; the smallest is about 2^-49.5 and needs k ≥ 25', () => {
    expect(s.maxAbs.toFixed(2)).toBe('0.63');
    expect(s.bestK).toBe(16);
    expect(s.perK[17].fp16.inf).toBeGreaterThan(0);
    expect(Math.round(s.perK[16].fp16.zero / 100) * 100).toBe(200);
    expect(Math.log2(s.minAbs).toFixed(1)).toBe('-49.5');
    expect(s.perK[24].fp16.zero).toBeGreaterThan(0);
    expect(s.perK[25].fp16.zero).toBe(0);
    // the span: about 49 binades against fp16's 40 (2^-24 … 2^16)
    expect(Math.round(Math.log2(s.maxAbs / s.minAbs))).toBe(49);
  });
});

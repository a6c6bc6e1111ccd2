// The quantization lesson's statements about the lab's `lm`, checked on its real weights.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadWeights } from '@/lib/model/weights';
import { paramCount } from '@/lib/model/init';
import type { TransformerConfig } from '@/lib/model/config';
import { quantizeModel, summarize, type FormatId, type QuantSummary } from '@/lib/quant';

const m = JSON.parse(readFileSync('models/manifest.json', 'utf8')).models.lm as { config: TransformerConfig; sha256: string; files: { weights: string } };
const w = await loadWeights(new Uint8Array(readFileSync(m.files.weights)), { sha256: m.sha256, config: m.config });
const at = (format: FormatId, groupSize = 32, clip = 1): QuantSummary => summarize(quantizeModel(m.config, w, { format, groupSize, clip }), w);
const meanRel = (q: QuantSummary) => q.tensors.reduce((s, t) => s + t.rel, 0) / q.tensors.length;
const pct1 = (x: number) => (100 * x).toFixed(1);

describe('the lesson’s numbers about lm', () => {
  it('fp16 is exact (lm ships as fp16); bf16 is not', () => {
    expect(meanRel(at('fp16'))).toBe(0);
    expect(meanRel(at('bf16'))).toBeGreaterThan(0);
  });
  it('int8: 1.28 % mean relative error per tensor, 0.66 % per channel for 0.8 % more bytes; the worst per tensor are the MLP W2 matrices, up to 8.9 σ', () => {
    const t = at('int8');
    const c = at('int8-channel');
    expect((100 * meanRel(t)).toFixed(2)).toBe('1.28');
    expect((100 * meanRel(c)).toFixed(2)).toBe('0.66');
    expect(pct1(c.bytes.total / t.bytes.total - 1)).toBe('0.8');
    const worst = [...t.tensors].sort((a, b) => b.rel - a.rel).slice(0, 3);
    expect(worst.every((x) => x.matrix === 'mlp.w2')).toBe(true);
    expect(Math.max(...t.tensors.map((x) => x.maxAbs / x.std)).toFixed(1)).toBe('8.9');
  });
  it('int4 g = 128: clipping to 80 % lowers the mean error from 11.7 % to 11.2 % and saturates 32,820 weights (2.1 %), at least one per group; clipping to 30 % gives 46 %, four times the unclipped error', () => {
    const full = at('int4', 128, 1);
    const clipped = at('int4', 128, 0.8);
    expect([pct1(meanRel(full)), pct1(meanRel(clipped))]).toEqual(['11.7', '11.2']);
    const n = clipped.tensors.reduce((s, t) => s + t.clipped, 0);
    const weights = clipped.tensors.reduce((s, t) => s + t.shape[0] * t.shape[1], 0);
    expect(n).toBe(32_820);
    expect(pct1(n / weights)).toBe('2.1');
    // the largest weight m of a group: m / (0.8 m / 7) = 8.75 rounds to 9, beyond the last level 7
    expect(n).toBeGreaterThanOrEqual(weights / 128);
    const hard = meanRel(at('int4', 128, 0.3));
    expect((100 * hard).toFixed(0)).toBe('46');
    expect(Math.round(hard / meanRel(full))).toBe(4);
  });
  it('the weights furthest out (8.9 σ) are in an MLP W2 matrix (layer 7), the one the lesson points to', () => {
    const t = at('int8');
    const far = [...t.tensors].sort((a, b) => b.maxAbs / b.std - a.maxAbs / a.std)[0];
    expect(far.name).toBe('blocks.7.mlp.w2.weight');
  });
  it('NF4 g = 64 has 9.2 % mean error, int4 g = 32 9.7 %, both at 4.5 bits per weight', () => {
    const n = at('nf4', 64);
    const i = at('int4', 32);
    expect([pct1(meanRel(n)), pct1(meanRel(i))]).toEqual(['9.2', '9.7']);
    expect(n.bytes.quantized).toBe(i.bytes.quantized);
  });
  it('lm: 2.10 M parameters, 4.20 MB in fp16, a quarter of them in the embedding; int4 g = 32 → 1,937,664 bytes', () => {
    expect((paramCount(m.config) / 1e6).toFixed(2)).toBe('2.10');
    const q = at('int4', 32);
    expect((q.bytes.fp16 / 1e6).toFixed(2)).toBe('4.20');
    expect(Math.round((4 * 4096 * 128) / paramCount(m.config))).toBe(1);
    expect(q.bytes).toMatchObject({ total: 1_937_664, quantized: 884_736, rest: 1_052_928 });
  });
});

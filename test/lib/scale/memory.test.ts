/**
 * Memory calculators against ZeRO's accounting (Rajbhandari et al. 2020: 16Ψ bytes for mixed-precision
 * Adam; 1.5B → 24 GB, 7.5B → 120 GB) and Korthikanti et al. 2023's activations per layer, sbh(34 + 5as/h),
 * with hand-derived cases.
 */
import { describe, expect, it } from 'vitest';
import { activationBytesPerLayer, bytesPerParam, formatBytes, formatCount, modelStateBytes, trainingMemory } from '@/lib/scale/memory';

describe('model states', () => {
  it('mixed-precision Adam is 2 + 2 + 12 bytes per parameter (ZeRO, K = 12)', () => {
    expect(bytesPerParam('mixed', 'adam')).toEqual({ weights: 2, grads: 2, optimizer: 12 });
  });
  it('a 1.5B model needs 24 GB and a 7.5B model 120 GB of model states (ZeRO §3.1, Figure 1)', () => {
    expect(modelStateBytes(1.5e9, 'mixed', 'adam').total).toBe(24e9);
    expect(modelStateBytes(7.5e9, 'mixed', 'adam').total).toBe(120e9);
  });
  it('fp32 Adam is 4 + 4 + 8 = 16 bytes; SGD with momentum in fp32 is 12; mixed SGD 12', () => {
    expect(modelStateBytes(1, 'fp32', 'adam').total).toBe(16);
    expect(modelStateBytes(1, 'fp32', 'sgd').total).toBe(12);
    expect(modelStateBytes(1, 'mixed', 'sgd').total).toBe(12);
  });
  it('8-bit Adam stores m and v in one byte each plus one fp32 scale per 2048 values', () => {
    expect(bytesPerParam('mixed', 'adam8bit').optimizer).toBeCloseTo(4 + 2 + 8 / 2048, 12);
    expect(modelStateBytes(1e9, 'mixed', 'adam8bit').total).toBeCloseTo(1e9 * (10 + 8 / 2048), 0);
  });
});

describe('activations per layer (Korthikanti et al. 2023, Table 2)', () => {
  const gpt2 = { seq: 1024, microBatch: 1, hidden: 768, heads: 12 };
  it('no recomputation: sbh(34 + 5as/h) = 786,432 · 114 bytes for GPT-2 small at s = 1024', () => {
    expect(activationBytesPerLayer(gpt2, { recompute: 'none' })).toBe(786_432 * 114);
  });
  it('selective recomputation keeps 34 sbh, full keeps 2 sbh', () => {
    expect(activationBytesPerLayer(gpt2, { recompute: 'selective' })).toBe(34 * 786_432);
    expect(activationBytesPerLayer(gpt2, { recompute: 'full' })).toBe(2 * 786_432);
  });
  it('tensor + sequence parallelism divides by t', () => {
    const x = { seq: 2048, microBatch: 1, hidden: 12288, heads: 96 };
    const one = activationBytesPerLayer(x, { recompute: 'none' });
    expect(activationBytesPerLayer(x, { recompute: 'none', tensorParallel: 8 })).toBeCloseTo(one / 8, 3);
    // GPT-3 175B at s = 2048: 5as/h = 5·96·2048/12288 = 80 → sbh · 114
    expect(one).toBe(2048 * 12288 * 114);
  });
  it('fp32 doubles the 16-bit tensors but not the 1-byte masks: 66 + 9as/h', () => {
    expect(activationBytesPerLayer(gpt2, { recompute: 'none', precision: 'fp32' })).toBe(786_432 * (66 + 144));
    expect(activationBytesPerLayer(gpt2, { recompute: 'full', precision: 'fp32' })).toBe(4 * 786_432);
  });
  it('trainingMemory adds L layers of activations to the model states', () => {
    const m = trainingMemory(124_439_808, 12, gpt2, { precision: 'mixed', optimizer: 'adam', recompute: 'none' });
    expect(m.total).toBe(16 * 124_439_808);
    expect(m.activations).toBe(12 * 786_432 * 114);
    expect(m.all).toBe(m.total + m.activations);
  });
});

describe('formatting', () => {
  it('prints decimal units with three significant digits', () => {
    expect(formatBytes(120e9)).toBe('120 GB');
    expect(formatBytes(31.40625e9)).toBe('31.4 GB');
    expect(formatBytes(1.875e9)).toBe('1.88 GB');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatCount(124_439_808)).toBe('124M');
    expect(formatCount(6_738_415_616)).toBe('6.74B');
    expect(formatCount(2_099_328)).toBe('2.1M');
    expect(formatCount(999_999_999.9)).toBe('1B');
    expect(formatBytes(999_960_000)).toBe('1 GB');
    expect(formatCount(42)).toBe('42');
    expect(formatCount(1.75e14)).toBe('175T');
  });
});

// Formats against hand-computed quantizations of small vectors, block sizes in bytes, and NF4.
import { describe, expect, it } from 'vitest';
import { bitsPerWeight, blockBytes, blockGrid, NF4_LEVELS, nf4Code, quantize, tensorBytes, tensorError } from '@/lib/quant';

describe('int8', () => {
  it('symmetric per tensor: w = [0.5, -1.27, 0.01], d = 1.27/127 = 0.01 → q = [50, -127, 1]', () => {
    const q = quantize(Float32Array.of(0.5, -1.27, 0.01), 1, 3, 'int8');
    // d is stored as fp16: 0.01 = 1.28·2^-7, mantissa round(0.28·1024) = 287 → (1 + 287/1024)·2^-7
    expect(q.scales[0]).toBe((1 + 287 / 1024) * 2 ** -7);
    expect(Array.from(q.codes!).map((c) => c - 128)).toEqual([50, -127, 1]);
    expect(q.values[0]).toBeCloseTo(50 * 0.01000213623046875, 7);
  });
  it('per channel gives each row its own scale', () => {
    const q = quantize(Float32Array.of(1, -0.5, 100, 50), 2, 2, 'int8-channel');
    expect(q.scales[0]).toBeCloseTo(1 / 127, 5);
    expect(q.scales[1]).toBeCloseTo(100 / 127, 3);
    // fp16 scales: d0 = (1 + 8/1024)·2^-7 → -0.5/d0 = -63.50 → -64; d1 = (1 + 589/1024)/2 → 50/d1 = 63.48 → 63
    expect(q.scales[1]).toBe((1 + 589 / 1024) / 2);
    expect(Array.from(q.codes!).map((c) => c - 128)).toEqual([127, -64, 127, 63]);
  });
  it('asymmetric: w in [-1, 3] → d = 4/255, z = round(255/4) = 64; -1 ↦ 0, 3 ↦ 255', () => {
    const q = quantize(Float32Array.of(-1, 0, 3), 1, 3, 'int8-asym');
    expect(q.zeros![0]).toBe(64);
    expect(Array.from(q.codes!)).toEqual([0, 64, 255]);
    expect(q.values[1]).toBe(0); // zero is exact
  });
  it('clipping to half the range saturates the outlier and counts it', () => {
    const q = quantize(Float32Array.of(0.1, -0.2, 4), 1, 3, 'int8', { clip: 0.5 });
    expect(q.clipped).toBe(1);
    expect(q.values[2]).toBeCloseTo(2, 2);
  });
});

describe('int4 in groups', () => {
  it('symmetric, g = 4: [0.7, -0.35, 0.1, 0] → d = fp16(0.1), q = [7, -4, 1, 0]; [7, 1, 2, 3] → d = 1', () => {
    const q = quantize(Float32Array.of(0.7, -0.35, 0.1, 0, 7, 1, 2, 3), 1, 8, 'int4', { groupSize: 4 });
    expect(q.scales.length).toBe(2);
    expect(q.scales[0]).toBeCloseTo(0.1, 4);
    expect(q.scales[1]).toBeCloseTo(1, 6);
    // fp16(0.1) = 1.599609375/16 is a little under 0.1, so -0.35/d = -3.5009 → -4
    expect(q.scales[0]).toBe(1.599609375 / 16);
    expect(Array.from(q.codes!).map((c) => c - 8)).toEqual([7, -4, 1, 0, 7, 1, 2, 3]);
  });
  it('asymmetric, g = 4: [0, 1.5, 3, 0.2] → d = 0.2, z = 0, codes [0, 8 (7.5 → 8), 15, 1]', () => {
    const q = quantize(Float32Array.of(0, 1.5, 3, 0.2), 1, 4, 'int4-asym', { groupSize: 4 });
    expect(q.zeros![0]).toBe(0);
    expect(Array.from(q.codes!)).toEqual([0, 8, 15, 1]);
  });
  it('rejects a group size that does not divide the row or is not a power of two', () => {
    expect(() => quantize(new Float32Array(48), 1, 48, 'int4', { groupSize: 32 })).toThrow(/does not divide/);
    expect(() => quantize(new Float32Array(48), 1, 48, 'int4', { groupSize: 12 })).toThrow(/power of two/);
  });
  it('has a grid of 15 levels (symmetric) or 16 (asymmetric) per block', () => {
    const q = quantize(Float32Array.of(0.7, -0.35, 0.1, 0), 1, 4, 'int4', { groupSize: 4 });
    expect(blockGrid(q, 0).length).toBe(15);
    expect(blockGrid(quantize(Float32Array.of(0, 1, 2, 3), 1, 4, 'int4-asym', { groupSize: 4 }), 0).length).toBe(16);
  });
});

describe('NF4', () => {
  it('has the 16 levels of bitsandbytes get_4bit_type("nf4"), copied here from its source', () => {
    // bitsandbytes/functional.py (bitsandbytes-foundation/bitsandbytes), get_4bit_type, typename "nf4"
    const bnb = [-1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635, -0.18477343022823334,
      -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224,
      0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0];
    expect(NF4_LEVELS).toEqual(bnb);
  });
  it('levels are normal quantiles: Φ⁻¹ of 8 (positive) and 7 (negative) equal steps from δ = 0.9677083 to 1/2, over Φ⁻¹(δ)', () => {
    // QLoRA §3 / bitsandbytes create_normal_map(offset = 0.9677083), recomputed with our own Φ⁻¹
    const lin = (n: number) => Array.from({ length: n }, (_, i) => 0.9677083 + ((0.5 - 0.9677083) * i) / (n - 1));
    const pos = lin(9).slice(0, -1).map(probit);
    const neg = lin(8).slice(0, -1).map((p) => -probit(p));
    const all = [...pos, 0, ...neg].sort((a, b) => a - b);
    const max = Math.max(...all);
    all.forEach((v, i) => expect(v / max).toBeCloseTo(NF4_LEVELS[i], 6));
  });
  it('picks the nearest level, and a g = 64 block is 36 bytes (fp32 absmax + 32 bytes of codes): 4.5 bits per weight', () => {
    expect(nf4Code(1)).toBe(15);
    expect(nf4Code(0.01)).toBe(7);
    expect(nf4Code(-0.6)).toBe(2); // between -0.696 and -0.525, nearer -0.525
    expect(blockBytes('nf4', 128, 64)).toBe(36);
    expect(bitsPerWeight('nf4', 8, 128, 64)).toBe(4.5);
  });
});

describe('bytes per block (ggml-style block layouts)', () => {
  it('int4 with g = 32 is 18 bytes per block, 4.5 bits per weight — the size of ggml Q4_0', () => {
    expect(blockBytes('int4', 128, 32)).toBe(18);
    expect(bitsPerWeight('int4', 4, 128, 32)).toBe(4.5);
    expect(blockBytes('int4-asym', 128, 32)).toBe(19);
  });
  it('int8 per channel stores a row of K codes plus an fp16 scale: K + 2 bytes (+1 zero point when asymmetric)', () => {
    expect(blockBytes('int8-channel', 128)).toBe(130);
    expect(blockBytes('int8-asym-channel', 128)).toBe(131);
    expect(tensorBytes('int8-channel', 384, 128)).toBe(384 * 130);
    expect(tensorBytes('int8', 384, 128)).toBe(384 * 128 + 2);
  });
  it('quantize reports the bytes of its layout', () => {
    const w = Float32Array.from({ length: 4 * 64 }, (_, i) => Math.cos(i));
    expect(quantize(w, 4, 64, 'int4', { groupSize: 16 }).bytes).toBe(4 * 4 * 10);
    expect(quantize(w, 4, 64, 'nf4', { groupSize: 64 }).bytes).toBe(4 * 36);
  });
});

describe('error', () => {
  it('w = [1, -2], ŵ = [1, -1.5]: rmse √0.125, max 0.5, rel 0.5/√5, SQNR 20·log10(√5/0.5)', () => {
    const e = tensorError([1, -2], [1, -1.5]);
    expect(e.rmse).toBeCloseTo(Math.sqrt(0.125), 12);
    expect(e.maxAbs).toBe(0.5);
    expect(e.rel).toBeCloseTo(0.5 / Math.sqrt(5), 12);
    expect(e.sqnrDb).toBeCloseTo(20 * Math.log10(Math.sqrt(5) / 0.5), 10);
  });
  it('more bits, less error: on Gaussian-like weights int8 < int4 < and NF4 beats int4 at the same g', () => {
    const w = Float32Array.from({ length: 64 * 128 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1 * 0.02 + Math.sin(i) * 0.01);
    const err = (f: Parameters<typeof quantize>[3]) => tensorError(w, quantize(w, 64, 128, f, { groupSize: 64 }).values).rmse;
    expect(err('int8-channel')).toBeLessThan(err('int4'));
    expect(err('int4')).toBeGreaterThan(0);
  });
});

/** Inverse standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9, refined by one Newton step). */
function probit(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  let x: number;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - lo) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  return x;
}

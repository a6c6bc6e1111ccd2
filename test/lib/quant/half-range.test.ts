import { describe, expect, it } from 'vitest';
import { bf16Bits, fp16Bits, fp16Value, bf16Value } from '@/lib/quant/float';
import { BF16_RANGE, bestScale, classEdges, classifyScaled, FP16_RANGE, log2Histogram, sortedMagnitudes } from '@/lib/quant/half-range';
import { mulberry32 } from '@/lib/tensor';

/** Classes by casting each scaled value with the bit-level converters and reading the bits. */
function byBits(values: Float32Array, k: number, kind: 'fp16' | 'bf16') {
  const c = { zero: 0, subnormal: 0, normal: 0, inf: 0 };
  const [enc, expMask, mantMask] = kind === 'fp16' ? [fp16Bits, 0x7c00, 0x03ff] : [bf16Bits, 0x7f80, 0x007f];
  for (const v of values) {
    if (v === 0) continue;
    const b = enc(Math.fround(Math.abs(v) * 2 ** k));
    const e = b & expMask;
    if (e === expMask) c.inf++;
    else if (e !== 0) c.normal++;
    else if (b & mantMask) c.subnormal++;
    else c.zero++;
  }
  return c;
}

describe('fp16 and bf16 ranges', () => {
  it('fp16 limits match the IEEE 754 binary16 definitions and the bit patterns 0x0001, 0x0400, 0x7bff', () => {
    // binary16: p = 11, emax = 15, emin = −14 (IEEE 754-2008 Table 3.5)
    expect(FP16_RANGE.minSubnormal).toBe(2 ** -24);
    expect(FP16_RANGE.minNormal).toBe(2 ** -14);
    expect(FP16_RANGE.max).toBe(65504);
    expect(fp16Value(0x0001)).toBe(FP16_RANGE.minSubnormal);
    expect(fp16Value(0x0400)).toBe(FP16_RANGE.minNormal);
    expect(fp16Value(0x7bff)).toBe(FP16_RANGE.max);
  });

  it('bf16 limits are those of its bit patterns 0x0001, 0x0080, 0x7f7f', () => {
    expect(BF16_RANGE.minSubnormal).toBe(bf16Value(0x0001));
    expect(BF16_RANGE.minSubnormal).toBe(2 ** -133);
    expect(BF16_RANGE.minNormal).toBe(bf16Value(0x0080));
    expect(BF16_RANGE.max).toBe(bf16Value(0x7f7f));
  });

  it('the rounding edges sit where round-to-nearest-even flips: 2^-25 → 0, just above → 2^-24, 65520 → ∞', () => {
    const e = classEdges(FP16_RANGE);
    expect(e.zeroMax).toBe(2 ** -25);
    expect(e.infFrom).toBe(65520);
    expect(fp16Bits(2 ** -25)).toBe(0);
    expect(fp16Bits(2 ** -25 * (1 + 2 ** -20))).toBe(1);
    expect(fp16Bits(65519.99)).toBe(0x7bff);
    expect(fp16Bits(65520)).toBe(0x7c00);
    expect(fp16Bits(e.subBelow)).toBe(0x0400); // the midpoint below 2^-14 rounds up to the even min normal
  });
});

describe('classifyScaled', () => {
  const rng = mulberry32(7);
  // magnitudes log-uniform over 2^-40 … 2^20, with both signs, some zeros and the exact edges
  const vals = new Float32Array(20000);
  for (let i = 0; i < vals.length; i++) vals[i] = (rng.uniform() < 0.5 ? -1 : 1) * 2 ** (-40 + 60 * rng.uniform());
  vals.set([0, 0, 2 ** -25, 2 ** -24, 65520, 65504, 2 ** -14, -(2 ** -25)], 0);
  const { abs, zeros } = sortedMagnitudes([vals]);

  it('counts the zeros apart and sorts the rest', () => {
    expect(zeros).toBe(2);
    expect(abs.length).toBe(vals.length - 2);
    for (let i = 1; i < abs.length; i++) expect(abs[i]).toBeGreaterThanOrEqual(abs[i - 1]);
  });

  it('agrees with a value-by-value cast through the bit-level converters, for fp16 and bf16 and every k in 0…24', () => {
    for (let k = 0; k <= 24; k += 3) {
      const f = classifyScaled(abs, k, FP16_RANGE);
      expect({ zero: f.zero, subnormal: f.subnormal, normal: f.normal, inf: f.inf }).toEqual(byBits(vals, k, 'fp16'));
      const b = classifyScaled(abs, k, BF16_RANGE);
      expect({ zero: b.zero, subnormal: b.subnormal, normal: b.normal, inf: b.inf }).toEqual(byBits(vals, k, 'bf16'));
    }
  });

  it('a hand example: 2^-26 → zero, 2^-20 → subnormal, 1 → normal, 7·10⁴ → inf; scaling by 2^4 rescues 2^-26', () => {
    const s = sortedMagnitudes([Float32Array.of(2 ** -26, 2 ** -20, 1, 7e4)]).abs;
    expect(classifyScaled(s, 0, FP16_RANGE)).toEqual({ total: 4, zero: 1, subnormal: 1, normal: 1, inf: 1 });
    expect(classifyScaled(s, 4, FP16_RANGE)).toEqual({ total: 4, zero: 0, subnormal: 2, normal: 1, inf: 1 });
    // k = 1 puts 2^-26 exactly on 2^-25 (the tie rounds to 0); k = 2 is the first to keep it
    expect(classifyScaled(s, 1, FP16_RANGE).zero).toBe(1);
    // 7·10⁴ overflows at every k ≥ 0; without it, 1 · 2^15 = 32768 is the last to fit (2^16 → ∞)
    expect(bestScale(s, FP16_RANGE, 0, 8)).toBe(0);
    expect(bestScale(s.subarray(0, 3), FP16_RANGE, 0, 30)).toBe(15);
  });

  it('log2Histogram bins ⌊log2 |x|⌋ and clamps the ends', () => {
    const s = sortedMagnitudes([Float32Array.of(0.75, 1, 1.5, 2 ** -30, 8)]).abs;
    expect(log2Histogram(s, -3, 2)).toEqual([1, 0, 1, 2, 1]); // bins −3 (with 2^-30), −2, −1, 0, 1 (with 8)
  });
});

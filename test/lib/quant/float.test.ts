// fp16 / bf16 bit patterns of known values (IEEE 754 binary16; bf16 = top half of binary32).
import { describe, expect, it } from 'vitest';
import { bf16Bits, bf16Value, fp16Bits, fp16Value, roundTrip16, HALF_BYTES, tensorBytes } from '@/lib/quant';

describe('fp16', () => {
  it('encodes 1, -2.5, 65504 and the smallest subnormal 2^-24 to their textbook bit patterns', () => {
    expect(fp16Bits(1)).toBe(0x3c00);
    expect(fp16Bits(-2.5)).toBe(0xc100); // sign 1, exponent 16 (2^1), mantissa .25 → 0x100
    expect(fp16Bits(65504)).toBe(0x7bff); // the largest finite half
    expect(fp16Bits(2 ** -24)).toBe(0x0001);
    expect(fp16Value(0x0001)).toBe(2 ** -24);
  });
  it('overflows past 65504 (65520 rounds up to infinity) and rounds ties to even', () => {
    expect(fp16Bits(65520)).toBe(0x7c00);
    expect(fp16Value(fp16Bits(1 + 2 ** -11))).toBe(1); // halfway between 1 and 1 + 2^-10 → even (1)
    expect(fp16Value(fp16Bits(1 + 3 * 2 ** -11))).toBe(1 + 2 ** -9); // halfway, odd below → up
  });
});

describe('bf16', () => {
  it('encodes 1, -2.5 and 3.0e38 as the top 16 bits of their float32 patterns', () => {
    expect(bf16Bits(1)).toBe(0x3f80); // float32 0x3f800000
    expect(bf16Bits(-2.5)).toBe(0xc020); // float32 0xc0200000
    expect(bf16Value(bf16Bits(65504))).toBe(65536); // 8 bits of mantissa: 65504 rounds to 2^16
    expect(Number.isFinite(bf16Value(bf16Bits(3.0e38)))).toBe(true); // fp32's range, unlike fp16
  });
  it('keeps 7 mantissa bits: 1 + 2^-7 survives, 1 + 2^-9 rounds to 1', () => {
    expect(bf16Value(bf16Bits(1 + 2 ** -7))).toBe(1 + 2 ** -7);
    expect(bf16Value(bf16Bits(1 + 2 ** -9))).toBe(1);
  });
  it('keeps NaN a NaN', () => {
    expect(Number.isNaN(bf16Value(bf16Bits(NaN)))).toBe(true);
  });
});

describe('16-bit blocks', () => {
  it('are one value in 2 bytes: a [3, 4] tensor takes 24 bytes', () => {
    expect(HALF_BYTES).toBe(2);
    expect(tensorBytes('fp16', 3, 4)).toBe(24);
    expect(tensorBytes('bf16', 3, 4)).toBe(24);
    const r = roundTrip16(Float32Array.of(1, -2.5), 'fp16');
    expect(Array.from(r.bits)).toEqual([0x3c00, 0xc100]);
  });
});

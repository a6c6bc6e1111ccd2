/**
 * 16-bit floats: IEEE 754 binary16 (fp16) and bfloat16 (bf16), as bit patterns in a Uint16Array.
 *
 *   fp16  1 sign | 5 exponent (bias 15)  | 10 mantissa   max 65504, smallest subnormal 2^-24,
 *                                                        ~3.3 significant decimal digits
 *   bf16  1 sign | 8 exponent (bias 127) |  7 mantissa   the top 16 bits of a float32: same range
 *                                                        as fp32 (max ≈ 3.39e38), ~2.4 digits
 *
 * Block = one value, 2 bytes, 16 bits per weight. Both round to nearest, ties to even.
 * References: IEEE 754-2008 §3.6 (binary16); Kalamkar et al. 2019, "A Study of BFLOAT16 for Deep
 * Learning Training" §2 (bf16 = truncated fp32 exponent range).
 *
 * Example: fp16Bits(1) = 0x3c00, fp16Bits(-2.5) = 0xc100, fp16Bits(65504) = 0x7bff;
 *          bf16Bits(1) = 0x3f80, bf16Bits(-2.5) = 0xc020.
 */
import { f16ToF32, f32ToF16 } from '@/lib/model/safetensors';

/** Bytes of one fp16 / bf16 value (the whole "block"). */
export const HALF_BYTES = 2;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float → fp16 bits (round to nearest even; overflow → ±∞). */
export const fp16Bits = (x: number): number => f32ToF16(x);
/** fp16 bits → float. */
export const fp16Value = (h: number): number => f16ToF32(h);

/** float → bf16 bits: the float32's top half, rounded to nearest even (NaN stays NaN). */
export function bf16Bits(x: number): number {
  f32[0] = x;
  const u = u32[0];
  if ((u & 0x7f800000) === 0x7f800000 && u & 0x7fffff) return ((u >>> 16) | 0x40) & 0xffff; // quiet NaN
  const rounded = u + 0x7fff + ((u >>> 16) & 1);
  return (rounded >>> 16) & 0xffff;
}

/** bf16 bits → float (exact: append 16 zero bits). */
export function bf16Value(b: number): number {
  u32[0] = (b & 0xffff) << 16;
  return f32[0];
}

/** Every element rounded through a 16-bit format and back: the values a 16-bit weight holds. */
export function roundTrip16(x: Float32Array, kind: 'fp16' | 'bf16'): { bits: Uint16Array; values: Float32Array } {
  const bits = new Uint16Array(x.length);
  const values = new Float32Array(x.length);
  const enc = kind === 'fp16' ? fp16Bits : bf16Bits;
  const dec = kind === 'fp16' ? fp16Value : bf16Value;
  for (let i = 0; i < x.length; i++) {
    bits[i] = enc(x[i]);
    values[i] = dec(bits[i]);
  }
  return { bits, values };
}

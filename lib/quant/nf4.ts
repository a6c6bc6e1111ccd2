/**
 * NF4, QLoRA's 4-bit NormalFloat (Dettmers et al. 2023, "QLoRA: Efficient Finetuning of Quantized
 * LLMs", §3 "4-bit NormalFloat Quantization" and Appendix E). The 16 levels are quantiles of a
 * standard normal, normalized to [-1, 1], built asymmetrically so that 0 is exact: 8 quantiles for
 * the positive half and 7 for the negative half, from the probability offset δ = 0.9677083
 * (bitsandbytes create_normal_map). A weight w in a block with absmax m is stored as the index of
 * the level nearest to w / m; it comes back as NF4[code] · m.
 *
 * Block of g weights (QLoRA uses g = 64):
 *   absmax  float32        4 bytes   (QLoRA's first-level constant; double quantization not done)
 *   qs      uint8[g / 2]   two 4-bit codes per byte, element 2i in the low nibble
 *   → 4 + g/2 bytes, 4 + 32/g bits per weight (4.5 at g = 64).
 */

/** The 16 NF4 levels, ascending, exactly as bitsandbytes lists them (functional.py, get_4bit_type('nf4')). */
export const NF4_LEVELS: readonly number[] = Object.freeze([
  -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635,
  -0.18477343022823334, -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725,
  0.24611230194568634, 0.33791524171829224, 0.44070982933044434, 0.5626170039176941,
  0.7229568362236023, 1.0,
]);

/** Midpoints between neighbouring levels: code = number of midpoints below x. */
const MIDS = NF4_LEVELS.slice(1).map((v, i) => (v + NF4_LEVELS[i]) / 2);

/** Index of the NF4 level nearest to x ∈ [-1, 1] (ties go to the upper level). */
export function nf4Code(x: number): number {
  let c = 0;
  while (c < 15 && x >= MIDS[c]) c++;
  return c;
}

/** Bytes of one NF4 block of g weights (fp32 absmax + g/2 bytes of codes). */
export function nf4BlockBytes(g: number): number {
  return 4 + g / 2;
}

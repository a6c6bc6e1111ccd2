/**
 * ALiBi slopes (Press, Smith & Lewis 2022, "Train Short, Test Long", arXiv:2108.12409).
 * Head h adds -slope[h] · (i - j) to the score of query i on key j: a linear distance penalty
 * instead of any position embedding.
 *
 * For n heads, n a power of two: slope[h] = 2^(-8(h+1)/n), a geometric sequence starting at
 * 2^(-8/n). 8 heads → 1/2, 1/4, …, 1/256. Otherwise (the paper's released rule): take the slopes
 * of the nearest lower power of two m, then every other slope of 2m for the remaining n - m heads.
 */
export function alibiSlopes(n: number): Float32Array {
  const pow2 = (m: number): number[] => Array.from({ length: m }, (_, h) => Math.pow(2, (-8 * (h + 1)) / m));
  if (Number.isInteger(Math.log2(n))) return Float32Array.from(pow2(n));
  const m = 2 ** Math.floor(Math.log2(n));
  const extra = pow2(2 * m).filter((_, i) => i % 2 === 0).slice(0, n - m);
  return Float32Array.from([...pow2(m), ...extra]);
}

/**
 * Where values land when they are cast to a 16-bit float after loss scaling: flushed to zero,
 * subnormal, normal, or overflowed to ±∞ — for fp16 (IEEE 754 binary16) and bf16.
 *
 * Limits from the format definitions (IEEE 754-2008 §3.3: p significand bits, emax, emin = 1 − emax):
 *   fp16  p = 11, emax = 15:  min subnormal 2^(emin − p + 1) = 2^−24, min normal 2^emin = 2^−14,
 *                             max (2 − 2^(1−p)) · 2^emax = 65504
 *   bf16  p = 8,  emax = 127: min subnormal 2^−133, min normal 2^−126, max (2 − 2^−7) · 2^127
 *
 * Rounding to nearest, ties to even, decides the class of y = |x| · S (S = 2^k, the loss scale):
 *   zero       y ≤ minSub / 2                      (the tie at exactly minSub/2 goes to the even 0)
 *   subnormal  minSub / 2 < y < minNormal − minSub / 2
 *   normal     up to y < max + ulp(max) / 2         (ulp(max) = 2^(emax − p + 1))
 *   inf        y ≥ max + ulp(max) / 2               (fp16: 65520; the tie rounds up to the even 2^16 = ∞)
 * Multiplying a float32 by 2^k is exact (while it stays a normal float32), so scaling only moves
 * every value k binades to the right: the classes for each k come from a sorted list of |x| and
 * three binary searches (Micikevicius et al. 2018, "Mixed Precision Training", §3.2).
 *
 * Example: fp16, k = 0: 2^−26 → zero, 2^−20 → subnormal, 1 → normal, 7·10⁴ → inf.
 */

export interface HalfFormat {
  id: 'fp16' | 'bf16';
  /** Significand bits p (with the implicit 1) and the largest exponent emax. */
  p: number;
  emax: number;
  minSubnormal: number;
  minNormal: number;
  max: number;
}

function format(id: HalfFormat['id'], p: number, emax: number): HalfFormat {
  const emin = 1 - emax;
  return { id, p, emax, minSubnormal: 2 ** (emin - p + 1), minNormal: 2 ** emin, max: (2 - 2 ** (1 - p)) * 2 ** emax };
}

export const FP16_RANGE = format('fp16', 11, 15);
export const BF16_RANGE = format('bf16', 8, 127);

/** Upper edges (on |y|) of the zero / subnormal / normal classes; at or above the last: ∞. */
export function classEdges(f: HalfFormat): { zeroMax: number; subBelow: number; infFrom: number } {
  return { zeroMax: f.minSubnormal / 2, subBelow: f.minNormal - f.minSubnormal / 2, infFrom: f.max + 2 ** (f.emax - f.p + 1) / 2 };
}

export interface RangeCounts {
  /** Non-zero inputs counted. */
  total: number;
  zero: number;
  subnormal: number;
  normal: number;
  inf: number;
}

/** Non-zero |x| of every array, sorted ascending, and how many inputs were exactly 0. */
export function sortedMagnitudes(arrays: Iterable<Float32Array>): { abs: Float32Array; zeros: number } {
  let n = 0;
  let zeros = 0;
  const list = [...arrays];
  for (const a of list) for (let i = 0; i < a.length; i++) if (a[i] === 0) zeros++; else n++;
  const abs = new Float32Array(n);
  let j = 0;
  for (const a of list) for (let i = 0; i < a.length; i++) if (a[i] !== 0) abs[j++] = Math.abs(a[i]);
  abs.sort();
  return { abs, zeros };
}

/** Number of sorted values < t (or ≤ t when `inclusive`). */
function countBelow(sorted: Float32Array, t: number, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < t || (inclusive && sorted[mid] === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Classes of every value of `sorted` (ascending |x|, no zeros) times 2^k, cast to `f`. */
export function classifyScaled(sorted: Float32Array, k: number, f: HalfFormat): RangeCounts {
  const e = classEdges(f);
  const s = 2 ** -k; // compare |x| with edge / 2^k (exact: powers of two)
  const zero = countBelow(sorted, e.zeroMax * s, true);
  const belowNormal = countBelow(sorted, e.subBelow * s, false);
  const belowInf = countBelow(sorted, e.infFrom * s, false);
  return { total: sorted.length, zero, subnormal: belowNormal - zero, normal: belowInf - belowNormal, inf: sorted.length - belowInf };
}

/** Histogram of ⌊log2 |x|⌋ over [lo, hi) (values outside go to the end bins). */
export function log2Histogram(sorted: Float32Array, lo: number, hi: number): number[] {
  const out = new Array<number>(hi - lo).fill(0);
  for (let i = 0; i < sorted.length; i++) {
    const b = Math.floor(Math.log2(sorted[i]));
    out[Math.max(0, Math.min(hi - lo - 1, b - lo))]++;
  }
  return out;
}

/**
 * The largest k in [kMin, kMax] at which no value overflows in `f` (kMin when even that overflows):
 * "no downside to choosing a large scaling factor as long as it does not cause overflow"
 * (Micikevicius et al. 2018, §3.2) — one ∞ makes the whole step's update unusable.
 */
export function bestScale(sorted: Float32Array, f: HalfFormat, kMin: number, kMax: number): number {
  let best = kMin;
  for (let k = kMin; k <= kMax; k++) if (classifyScaled(sorted, k, f).inf === 0) best = k;
  return best;
}

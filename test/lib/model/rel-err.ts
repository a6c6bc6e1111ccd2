/**
 * max |a - b| / max(1, |b|) over two equal-length arrays; equal values (infinities included)
 * count as 0, NaN as ∞, a length mismatch as ∞. Pure (no vitest), so the GPU-machine script
 * test/lib/model/webgpu/check.ts can use it too.
 */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const e = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i]));
    m = Math.max(m, Number.isNaN(e) ? Infinity : e);
  }
  return m;
}

// Shared comparison for parity tests.
import { expect } from 'vitest';

/** max |a - b| / max(1, |b|); equal values (infinities included) count as 0, NaN as ∞. */
export function maxErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const e = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i]));
    m = Math.max(m, Number.isNaN(e) ? Infinity : e);
  }
  return m;
}

/** Small pure helpers for the lab pages (unit-tested in test/components/lab). */

/** max_i |a_i − b_i|; Infinity when the lengths differ or a value is not finite. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!Number.isFinite(d)) return Infinity;
    if (d > m) m = d;
  }
  return m;
}

export function medianOf(xs: number[]): number {
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** "0.42 ms" / "3.1 ms" / "41 ms". */
export function ms(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '—';
  return `${x < 10 ? x.toPrecision(2) : Math.round(x)} ms`;
}

/** The model id from ?model=…, falling back when absent or malformed. */
export function modelFromSearch(search: string, fallback: string): string {
  const m = new URLSearchParams(search).get('model');
  return m && /^[a-z0-9:_-]{1,64}$/i.test(m) ? m : fallback;
}

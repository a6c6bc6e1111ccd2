/**
 * A binary min-heap of (primary, secondary) number pairs, ordered lexicographically.
 * Used with lazy invalidation: callers push a fresh entry whenever a value changes and skip
 * popped entries that no longer match the live value (cheaper than decrease-key).
 *
 * BPE training pushes (-count, pairKey): most frequent pair first, ties → smallest pair key.
 * BPE encoding of long pieces pushes (rank, position): lowest rank first, ties → leftmost.
 *
 * Example: push(3,1), push(1,9), push(1,2) → pops (1,2), (1,9), (3,1).
 */
export class PairHeap {
  private p: number[] = [];
  private s: number[] = [];

  get size(): number {
    return this.p.length;
  }

  /** Primary of the top entry (undefined when empty). */
  topPrimary(): number | undefined {
    return this.p[0];
  }

  /** Secondary of the top entry (undefined when empty). */
  topSecondary(): number | undefined {
    return this.s[0];
  }

  push(primary: number, secondary: number): void {
    const p = this.p;
    const s = this.s;
    let i = p.length;
    p.push(primary);
    s.push(secondary);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (p[up] < primary || (p[up] === primary && s[up] <= secondary)) break;
      p[i] = p[up];
      s[i] = s[up];
      i = up;
    }
    p[i] = primary;
    s[i] = secondary;
  }

  /** Remove the top entry (call topPrimary/topSecondary first to read it). */
  pop(): void {
    const p = this.p;
    const s = this.s;
    const lastP = p.pop() as number;
    const lastS = s.pop() as number;
    const n = p.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && (p[r] < p[l] || (p[r] === p[l] && s[r] < s[l]))) c = r;
      if (lastP < p[c] || (lastP === p[c] && lastS <= s[c])) break;
      p[i] = p[c];
      s[i] = s[c];
      i = c;
    }
    p[i] = lastP;
    s[i] = lastS;
  }
}

/** Suffix array, LCP and repeated spans against brute force on small and random strings. */
import { describe, expect, it } from 'vitest';
import { codesOf, exactJob, joinWithSeparators, lcpArray, repeats, suffixArray } from '@/lib/data';

function naiveSA(s: string): number[] {
  return Array.from({ length: s.length }, (_, i) => i).sort((a, b) => (s.slice(a) < s.slice(b) ? -1 : 1));
}

/** Positions inside some length-k window that occurs at ≥ 2 start positions (brute force). */
function naiveCovered(s: string, k: number): boolean[] {
  const starts = new Map<string, number[]>();
  for (let i = 0; i + k <= s.length; i++) {
    const w = s.slice(i, i + k);
    starts.set(w, [...(starts.get(w) ?? []), i]);
  }
  const cov = new Array<boolean>(s.length).fill(false);
  for (const list of starts.values()) if (list.length >= 2) for (const i of list) for (let j = i; j < i + k; j++) cov[j] = true;
  return cov;
}

function rng(seed: number) {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('suffix array', () => {
  it("banana: SA [5, 3, 1, 0, 4, 2], LCP [0, 1, 3, 0, 0, 2]", () => {
    const c = codesOf('banana');
    const sa = suffixArray(c);
    expect([...sa]).toEqual([5, 3, 1, 0, 4, 2]);
    expect([...lcpArray(c, sa)]).toEqual([0, 1, 3, 0, 0, 2]);
  });

  it('matches a naive sort of all suffixes on random strings over small alphabets (and its LCP matches direct comparison)', () => {
    const r = rng(42);
    for (let t = 0; t < 40; t++) {
      const alpha = 'ab c'.slice(0, 1 + (t % 4));
      const s = Array.from({ length: 1 + Math.floor(r() * 120) }, () => alpha[Math.floor(r() * alpha.length)]).join('');
      const c = codesOf(s);
      const sa = suffixArray(c);
      expect([...sa]).toEqual(naiveSA(s));
      const lcp = lcpArray(c, sa);
      for (let i = 1; i < sa.length; i++) {
        let h = 0;
        while (s[sa[i] + h] !== undefined && s[sa[i] + h] === s[sa[i - 1] + h]) h++;
        expect(lcp[i]).toBe(h);
      }
    }
  });

  it('reports progress once per doubling round, ending at total', () => {
    const seen: Array<[number, number]> = [];
    suffixArray(codesOf('abababababababab'), (d, t) => seen.push([d, t]));
    expect(seen[seen.length - 1][0]).toBe(seen[seen.length - 1][1]);
  });
});

describe('repeated spans', () => {
  it('cover exactly the positions of repeated length-k windows (brute force, random strings)', () => {
    const r = rng(7);
    for (let t = 0; t < 40; t++) {
      const s = Array.from({ length: 20 + Math.floor(r() * 150) }, () => 'abc'[Math.floor(r() * 3)]).join('');
      const k = 2 + (t % 6);
      const c = codesOf(s);
      const sa = suffixArray(c);
      const rep = repeats(sa, lcpArray(c, sa), k);
      const got = new Array<boolean>(s.length).fill(false);
      for (const [a, b] of rep.covered) for (let i = a; i < b; i++) got[i] = true;
      expect(got).toEqual(naiveCovered(s, k));
      expect(rep.coveredUnits).toBe(got.filter(Boolean).length);
      for (const g of rep.groups) {
        const w = s.slice(g.at[0], g.at[0] + g.length);
        expect(g.length).toBeGreaterThanOrEqual(k);
        for (const p of g.at) expect(s.slice(p, p + g.length)).toBe(w);
      }
    }
  });

  it('a repeat never crosses the separator between two texts', () => {
    const { codes, starts } = joinWithSeparators(['xyzab', 'abxyz']);
    expect(starts).toEqual([0, 6]);
    const sa = suffixArray(codes);
    const rep = repeats(sa, lcpArray(codes, sa), 3);
    expect(rep.covered).toEqual([[0, 3], [8, 11]]); // 'xyz' twice; 'ab|ab' across the boundary is not a repeat
  });

  it('exactJob maps spans back to each text and lists the repeated string with its count', () => {
    const a = 'And the LORD spake unto Moses, saying, Speak.';
    const b = 'Then: And the LORD spake unto Moses, saying, Go.';
    const job = exactJob([a, b], 20);
    expect(job.groups[0].text).toContain('And the LORD spake unto Moses, saying, ');
    expect(job.groups[0].count).toBe(2);
    expect(job.covered[0]).toEqual([[0, a.indexOf('Speak')]]);
    expect(job.coveredChars[1]).toBe(job.covered[1][0][1] - job.covered[1][0][0]);
  });
});

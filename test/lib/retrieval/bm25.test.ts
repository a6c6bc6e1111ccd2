import { describe, expect, it } from 'vitest';
import { buildIndex, idf, scoreDoc, searchBm25, terms } from '@/lib/retrieval/bm25';

describe('BM25', () => {
  // d0 "the whale" (2 terms), d1 "the white whale" (3), d2 "a ship" (2): N = 3, avgdl = 7/3
  const ix = buildIndex(['The whale.', 'the WHITE whale', 'a ship']);

  it('tokenises by lower-casing and taking runs of ASCII letters and digits', () => {
    expect(terms("Wentworth's ship, 1833!")).toEqual(['wentworth', 's', 'ship', '1833']);
    expect(terms('Mr Elliot’s — Café')).toEqual(['mr', 'elliot', 's', 'caf']);
    expect(terms('')).toEqual([]);
  });

  it('counts documents, lengths and document frequencies', () => {
    expect(ix.N).toBe(3);
    expect(ix.avgdl).toBeCloseTo(7 / 3, 15);
    expect(ix.df.get('whale')).toBe(2);
    expect(ix.df.get('ship')).toBe(1);
  });

  it('gives idf = ln(1 + (N − n + 0.5)/(n + 0.5)): ln 1.6 for whale, ln(8/3) for ship, ln 8 for an unseen term', () => {
    expect(idf(ix, 'whale')).toBeCloseTo(Math.log(1.6), 15);
    expect(idf(ix, 'ship')).toBeCloseTo(Math.log(8 / 3), 15);
    expect(idf(ix, 'moby')).toBeCloseTo(Math.log(8), 15);
    expect(Math.log(1.6)).toBeCloseTo(0.4700036, 6);
  });

  it('scores "whale" by hand: 0.4208 for the three-term document and 0.4992 for the shorter one (k1 1.2, b 0.75)', () => {
    // B(d1) = 0.25 + 0.75·3/(7/3) = 17/14; score = ln1.6 · 2.2 / (1 + 1.2·17/14) = ln1.6 · 2.2 · 70/172
    expect(scoreDoc(ix, ['whale'], 1).score).toBeCloseTo((Math.log(1.6) * 2.2 * 70) / 172, 12);
    expect(scoreDoc(ix, ['whale'], 1).score).toBeCloseTo(0.42082, 5);
    // B(d0) = 0.25 + 0.75·2/(7/3) = 25/28; score = ln1.6 · 2.2 / (1 + 30/28)
    expect(scoreDoc(ix, ['whale'], 0).score).toBeCloseTo((Math.log(1.6) * 2.2 * 28) / 58, 12);
    expect(scoreDoc(ix, ['whale'], 0).score).toBeCloseTo(0.49918, 5);
    expect(scoreDoc(ix, ['whale'], 2).score).toBe(0);
  });

  it('with b = 0 ignores length, with k1 = 0 ignores repeats, and sums over query terms', () => {
    expect(scoreDoc(ix, ['whale'], 0, 1.2, 0).score).toBeCloseTo(scoreDoc(ix, ['whale'], 1, 1.2, 0).score, 15);
    const rep = buildIndex(['whale whale whale', 'whale x y', 'z']);
    expect(scoreDoc(rep, ['whale'], 0, 0, 0.75).score).toBeCloseTo(idf(rep, 'whale'), 15);
    const both = scoreDoc(ix, ['white', 'whale'], 1);
    expect(both.score).toBeCloseTo(scoreDoc(ix, ['white'], 1).score + scoreDoc(ix, ['whale'], 1).score, 15);
    expect(both.parts.map((p) => p.term)).toEqual(['white', 'whale']);
  });

  it('search returns only scoring documents, best first, at most k', () => {
    expect(searchBm25(ix, 'whale', 10).map((h) => h.doc)).toEqual([0, 1]);
    expect(searchBm25(ix, 'white whale', 1).map((h) => h.doc)).toEqual([1]);
    expect(searchBm25(ix, 'nothing here', 5)).toEqual([]);
  });
});

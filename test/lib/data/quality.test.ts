/** Gopher-style quality statistics, hand-computed on tiny texts, and the rules they trigger. */
import { describe, expect, it } from 'vitest';
import { dupNgramChars, failedRules, GOPHER_THRESHOLDS, letterDistance, letterProfile, qualityStats, splitPassages, topNgramChars } from '@/lib/data';

describe('quality statistics', () => {
  it("'the cat the cat the cat': 6 words, mean length 3, top 2-gram covers everything", () => {
    const s = qualityStats('the cat the cat the cat');
    expect(s.words).toBe(6);
    expect(s.meanWordLength).toBe(3);
    expect(s.top2gramFrac).toBe(1);
    expect(s.stopWords).toBe(1);
    expect(failedRules(s, GOPHER_THRESHOLDS)).toEqual(['minWords', 'stopWords', 'top2gram']); // its two 5-grams differ: no duplicated 5-gram
    expect(s.dup5gramFrac).toBe(0);
  });

  it('symbol ratio counts hashes and ellipses per word; alpha fraction counts words with a letter', () => {
    const s = qualityStats('#tag #tag 123 456... and the end');
    expect(s.words).toBe(7);
    expect(s.symbolRatio).toBeCloseTo(2 / 7, 12); // 2 hashes > 1 ellipsis
    expect(s.alphaWordFrac).toBeCloseTo(5 / 7, 12); // '123' and '456...' have no letter
    expect(s.stopWords).toBe(2); // 'and', 'the'
  });

  it('top n-gram and duplicated n-gram characters by hand', () => {
    const w = 'a b c a b c x'.split(' ');
    expect(topNgramChars(w, 2)).toBe(4); // 'a b' ×2 (2 chars each; 'b c' ties and is as long)
    expect(dupNgramChars(w, 3)).toBe(6); // 'a b c' twice covers 6 one-letter words
    expect(dupNgramChars('p q r s t'.split(' '), 2)).toBe(0);
    expect(topNgramChars('p q r'.split(' '), 2)).toBe(0); // nothing repeats
  });

  it('letter distance is 0 against its own profile and 1 between disjoint letters', () => {
    const a = qualityStats('aaaa bbbb');
    const z = qualityStats('zzzz');
    expect(letterDistance(letterProfile(a.letters), letterProfile(a.letters))).toBe(0);
    expect(letterDistance(letterProfile(a.letters), letterProfile(z.letters))).toBe(1);
    expect(qualityStats('Ἐν ἀρχῇ ἦν ὁ λόγος and').latinLetterFrac).toBeCloseTo(3 / 17, 12); // 14 Greek letters + 'and'
  });
});

describe('passages', () => {
  it('paragraphs are cut at blank lines, verses at newlines, trimmed, with offsets', () => {
    expect(splitPassages('a b\nc\n\n  d ', 'paragraph')).toEqual([
      { start: 0, end: 5, text: 'a b\nc' },
      { start: 9, end: 10, text: 'd' },
    ]);
    expect(splitPassages('v1\nv2\n', 'line')).toEqual([
      { start: 0, end: 2, text: 'v1' },
      { start: 3, end: 5, text: 'v2' },
    ]);
  });
});

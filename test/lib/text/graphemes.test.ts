import { describe, expect, it } from 'vitest';
import { breakdown, splitGraphemes } from '@/lib/text/graphemes';

describe('splitGraphemes', () => {
  it('keeps a base letter and its combining mark together', () => {
    expect(splitGraphemes('e\u0301x')).toEqual(['e\u0301', 'x']);
  });

  it('keeps a ZWJ emoji sequence, a skin-tone modifier and a flag as single characters', () => {
    expect(splitGraphemes('👩\u200d👩\u200d👧👋🏽🇫🇷')).toEqual(['👩\u200d👩\u200d👧', '👋🏽', '🇫🇷']);
  });
});

describe('breakdown', () => {
  it('counts "hé" as 2 characters, 2 code points, 2 UTF-16 units and 3 bytes', () => {
    expect(breakdown('hé').counts).toEqual({ graphemes: 2, codePoints: 2, utf16Units: 2, utf8Bytes: 3 });
  });

  it('counts the ZWJ family as 1 character, 5 code points, 8 UTF-16 units and 18 bytes', () => {
    expect(breakdown('👩\u200d👩\u200d👧').counts).toEqual({ graphemes: 1, codePoints: 5, utf16Units: 8, utf8Bytes: 18 });
  });

  it('gives each code point its byte offset in the whole encoding', () => {
    const b = breakdown('aé😀');
    const rows = b.graphemes.flatMap((g) => g.codePoints.map((c) => [c.cp, c.byteOffset, c.index]));
    expect(rows).toEqual([
      [0x61, 0, 0],
      [0xe9, 1, 1],
      [0x1f600, 3, 2],
    ]);
  });

  it('encodes a lone surrogate as the 3 bytes of U+FFFD and marks it', () => {
    const b = breakdown('a\ud800');
    const last = b.graphemes.at(-1)!.codePoints[0];
    expect(last).toMatchObject({ cp: 0xd800, lone: true, bytes: [0xef, 0xbf, 0xbd] });
    expect(b.counts.utf8Bytes).toBe(4);
  });

  it('returns nothing for the empty string', () => {
    expect(breakdown('')).toEqual({ graphemes: [], counts: { graphemes: 0, codePoints: 0, utf16Units: 0, utf8Bytes: 0 } });
  });
});

import { describe, expect, it } from 'vitest';
import { byteRole, codePoints, cpLabel, encodeCodePoint, encodeUtf8, formatByte, markerBits } from '@/lib/text/utf8';

// Expected bytes derived by hand from the RFC 3629 bit layout (worked out in the comments),
// and cross-checked against the platform's TextEncoder (an independent implementation).
describe('encodeCodePoint', () => {
  it('encodes ASCII as one byte equal to the code point', () => {
    expect(encodeCodePoint(0x41)).toEqual([0x41]); // "A"
    expect(encodeCodePoint(0x00)).toEqual([0x00]);
    expect(encodeCodePoint(0x7f)).toEqual([0x7f]);
  });

  it('encodes é (U+00E9 = 00011 101001) as 110·00011 10·101001 = C3 A9', () => {
    expect(encodeCodePoint(0xe9)).toEqual([0xc3, 0xa9]);
  });

  it('encodes the 1/2/3/4-byte boundaries U+0080, U+07FF, U+0800, U+FFFF, U+10000, U+10FFFF', () => {
    expect(encodeCodePoint(0x80)).toEqual([0xc2, 0x80]);
    expect(encodeCodePoint(0x7ff)).toEqual([0xdf, 0xbf]);
    expect(encodeCodePoint(0x800)).toEqual([0xe0, 0xa0, 0x80]);
    expect(encodeCodePoint(0xffff)).toEqual([0xef, 0xbf, 0xbf]);
    expect(encodeCodePoint(0x10000)).toEqual([0xf0, 0x90, 0x80, 0x80]);
    expect(encodeCodePoint(0x10ffff)).toEqual([0xf4, 0x8f, 0xbf, 0xbf]);
  });

  it('encodes € (U+20AC = 0010 000010 101100) as E2 82 AC', () => {
    expect(encodeCodePoint(0x20ac)).toEqual([0xe2, 0x82, 0xac]);
  });

  it('encodes 😀 (U+1F600 = 000 011111 011000 000000) as F0 9F 98 80', () => {
    expect(encodeCodePoint(0x1f600)).toEqual([0xf0, 0x9f, 0x98, 0x80]);
  });

  it('encodes a surrogate code point as U+FFFD = EF BF BD', () => {
    expect(encodeCodePoint(0xd800)).toEqual([0xef, 0xbf, 0xbd]);
    expect(encodeCodePoint(0xdfff)).toEqual([0xef, 0xbf, 0xbd]);
  });

  it('rejects values that are not code points', () => {
    expect(() => encodeCodePoint(0x110000)).toThrow(RangeError);
    expect(() => encodeCodePoint(-1)).toThrow(RangeError);
    expect(() => encodeCodePoint(1.5)).toThrow(RangeError);
  });
});

describe('codePoints', () => {
  it('joins a surrogate pair into one code point of two UTF-16 units', () => {
    expect(codePoints('a😀')).toEqual([
      { cp: 0x61, index: 0, units: 1, lone: false },
      { cp: 0x1f600, index: 1, units: 2, lone: false },
    ]);
  });

  it('reports lone high and low surrogates as their own code points, marked lone', () => {
    expect(codePoints('\ud800x\udc00')).toEqual([
      { cp: 0xd800, index: 0, units: 1, lone: true },
      { cp: 0x78, index: 1, units: 1, lone: false },
      { cp: 0xdc00, index: 2, units: 1, lone: true },
    ]);
  });

  it('treats a low surrogate before a high one as two lone surrogates', () => {
    expect(codePoints('\udc00\ud800').map((c) => c.lone)).toEqual([true, true]);
  });

  it('splits the ZWJ family 👩‍👩‍👧 into woman, ZWJ, woman, ZWJ, girl', () => {
    expect(codePoints('👩\u200d👩\u200d👧').map((c) => c.cp)).toEqual([0x1f469, 0x200d, 0x1f469, 0x200d, 0x1f467]);
  });
});

describe('encodeUtf8', () => {
  it('gives e + combining acute (U+0065 U+0301) the bytes 65 CC 81', () => {
    expect(encodeUtf8('e\u0301')).toEqual([0x65, 0xcc, 0x81]);
  });

  it('gives the ZWJ family 18 bytes: 4 + 3 + 4 + 3 + 4', () => {
    expect(encodeUtf8('👩\u200d👩\u200d👧')).toEqual([
      0xf0, 0x9f, 0x91, 0xa9, 0xe2, 0x80, 0x8d, 0xf0, 0x9f, 0x91, 0xa9, 0xe2, 0x80, 0x8d, 0xf0, 0x9f, 0x91, 0xa7,
    ]);
  });

  it('matches TextEncoder on mixed text, including lone surrogates', () => {
    for (const s of ['', 'Hello', 'héllo wörld', '日本語', '👋🏽 🇫🇷', 'a\ud800b', '\udfff', 'x\ud83d']) {
      expect(encodeUtf8(s)).toEqual(Array.from(new TextEncoder().encode(s)));
    }
  });
});

describe('byteRole and markerBits', () => {
  it('classifies bytes by their high bits', () => {
    expect([0x41, 0xa9, 0xc3, 0xe2, 0xf0].map(byteRole)).toEqual(['ascii', 'continuation', 'lead2', 'lead3', 'lead4']);
  });

  it('calls bytes that never occur in UTF-8 (C0, C1, F5–FF) invalid', () => {
    expect([0xc0, 0xc1, 0xf5, 0xff].map(byteRole)).toEqual(['invalid', 'invalid', 'invalid', 'invalid']);
  });

  it('counts the marker bits: 0 / 10 / 110 / 1110 / 11110', () => {
    expect([0x41, 0xa9, 0xc3, 0xe2, 0xf0].map(markerBits)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('labels', () => {
  it('writes code points as U+ and at least four upper-case hex digits', () => {
    expect(cpLabel(0x41)).toBe('U+0041');
    expect(cpLabel(0x1f600)).toBe('U+1F600');
  });

  it('formats a byte in hex, binary and decimal', () => {
    expect(formatByte(0xc3, 'hex')).toBe('C3');
    expect(formatByte(0x05, 'bin')).toBe('00000101');
    expect(formatByte(0xc3, 'dec')).toBe('195');
  });
});

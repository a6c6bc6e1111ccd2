/**
 * Text broken down three ways, as a reader, JS and UTF-8 see it:
 * grapheme clusters (what a reader calls "characters", Unicode UAX #29 via Intl.Segmenter)
 * → code points → UTF-8 bytes.
 *
 * Example: "e\u0301" (e + COMBINING ACUTE ACCENT) is one grapheme "é", two code points
 * (U+0065, U+0301), three bytes (65 CC 81), and JS length 2.
 */
import { codePoints, encodeCodePoint, type CodePoint } from './utf8';

export interface CodePointBytes extends CodePoint {
  bytes: number[];
  /** Offset of this code point's first byte in the whole text's UTF-8 encoding. */
  byteOffset: number;
}

export interface Grapheme {
  text: string;
  codePoints: CodePointBytes[];
}

export interface TextBreakdown {
  graphemes: Grapheme[];
  counts: { graphemes: number; codePoints: number; utf16Units: number; utf8Bytes: number };
}

/** Grapheme clusters of `s` (extended grapheme clusters, per the runtime's Unicode data). */
export function splitGraphemes(s: string): string[] {
  const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(seg.segment(s), (x) => x.segment);
}

/** Full breakdown of a text. breakdown("hé").counts → {graphemes: 2, codePoints: 2, utf16Units: 2, utf8Bytes: 3}. */
export function breakdown(s: string): TextBreakdown {
  let byteOffset = 0;
  let cpCount = 0;
  let index = 0;
  const graphemes = splitGraphemes(s).map((text) => {
    const cps = codePoints(text).map((c) => {
      const bytes = encodeCodePoint(c.cp);
      const row: CodePointBytes = { ...c, index: index + c.index, bytes, byteOffset };
      byteOffset += bytes.length;
      return row;
    });
    index += text.length;
    cpCount += cps.length;
    return { text, codePoints: cps };
  });
  return {
    graphemes,
    counts: { graphemes: graphemes.length, codePoints: cpCount, utf16Units: s.length, utf8Bytes: byteOffset },
  };
}

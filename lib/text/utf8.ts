/**
 * UTF-8 by hand: code points from a JS string and the bytes UTF-8 gives each of them.
 *
 * A JS string is a sequence of UTF-16 code units. A code point above U+FFFF takes two units
 * (a surrogate pair: high D800–DBFF then low DC00–DFFF). A surrogate without its partner is a
 * "lone surrogate": not a Unicode scalar value, so UTF-8 cannot encode it. Defined behaviour
 * here (the WHATWG Encoding Standard's, i.e. what TextEncoder does): it is reported as its own
 * code point with `lone: true`, and encodes as U+FFFD REPLACEMENT CHARACTER = EF BF BD.
 *
 * UTF-8 layout (RFC 3629 §3), x = payload bits of the code point:
 *   U+0000..U+007F     0xxxxxxx                              1 byte
 *   U+0080..U+07FF     110xxxxx 10xxxxxx                     2 bytes
 *   U+0800..U+FFFF     1110xxxx 10xxxxxx 10xxxxxx            3 bytes
 *   U+10000..U+10FFFF  11110xxx 10xxxxxx 10xxxxxx 10xxxxxx   4 bytes
 *
 * Worked example: "é" is U+00E9 = 000 1110 1001 → 110 00011, 10 101001 → C3 A9.
 */

export const REPLACEMENT = 0xfffd;

export interface CodePoint {
  /** The code point (for a lone surrogate: the surrogate's own value, e.g. 0xD800). */
  cp: number;
  /** Index of its first UTF-16 code unit in the string. */
  index: number;
  /** UTF-16 code units it takes: 1 or 2. */
  units: 1 | 2;
  /** True for an unpaired surrogate (encoded as U+FFFD). */
  lone: boolean;
}

const isHigh = (u: number) => u >= 0xd800 && u <= 0xdbff;
const isLow = (u: number) => u >= 0xdc00 && u <= 0xdfff;

/** Code points of `s` in order. codePoints("a😀") → [{cp: 0x61}, {cp: 0x1F600, units: 2}]. */
export function codePoints(s: string): CodePoint[] {
  const out: CodePoint[] = [];
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    if (isHigh(u) && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) {
      const lo = s.charCodeAt(i + 1);
      out.push({ cp: 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00), index: i, units: 2, lone: false });
      i++;
    } else {
      out.push({ cp: u, index: i, units: 1, lone: isHigh(u) || isLow(u) });
    }
  }
  return out;
}

/** UTF-8 bytes of one code point. encodeCodePoint(0x20AC) → [0xE2, 0x82, 0xAC] ("€"). */
export function encodeCodePoint(cp: number): number[] {
  if (!Number.isInteger(cp) || cp < 0 || cp > 0x10ffff) throw new RangeError(`not a code point: ${cp}`);
  if (cp >= 0xd800 && cp <= 0xdfff) return encodeCodePoint(REPLACEMENT);
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
}

/** UTF-8 bytes of a whole string (same result as `new TextEncoder().encode(s)`). */
export function encodeUtf8(s: string): number[] {
  return codePoints(s).flatMap((c) => encodeCodePoint(c.cp));
}

export type ByteRole = 'ascii' | 'lead2' | 'lead3' | 'lead4' | 'continuation' | 'invalid';

/** What a byte's high bits say it is. byteRole(0xC3) → 'lead2'; byteRole(0xA9) → 'continuation'. */
export function byteRole(b: number): ByteRole {
  if (b < 0x80) return 'ascii';
  if (b < 0xc0) return 'continuation';
  if (b >= 0xc2 && b < 0xe0) return 'lead2';
  if (b >= 0xe0 && b < 0xf0) return 'lead3';
  if (b >= 0xf0 && b < 0xf5) return 'lead4';
  return 'invalid'; // C0, C1 (overlong) and F5..FF never appear in UTF-8
}

/** Number of leading marker bits of a byte in its UTF-8 role: 1 for 0xxxxxxx, 2 for 10xxxxxx, 3 for 110xxxxx … */
export function markerBits(b: number): number {
  const role = byteRole(b);
  return { ascii: 1, continuation: 2, lead2: 3, lead3: 4, lead4: 5, invalid: 0 }[role];
}

/** "U+00E9" style label (at least four hex digits, upper case). */
export function cpLabel(cp: number): string {
  return 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
}

/** Byte as two upper-case hex digits, eight binary digits, or decimal. */
export function formatByte(b: number, base: 'hex' | 'bin' | 'dec'): string {
  if (base === 'hex') return b.toString(16).toUpperCase().padStart(2, '0');
  if (base === 'bin') return b.toString(2).padStart(8, '0');
  return String(b);
}

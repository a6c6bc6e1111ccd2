/**
 * UTF-8 helpers shared by the byte-level tokenizers (no TextEncoder in the hot loop: a piece is
 * a few characters and a hand loop into a reused array is faster than allocating).
 *
 * Example: utf8Push("é!", out) pushes [0xC3, 0xA9, 0x21].
 */

/** Append the UTF-8 bytes of a well-formed string to out. Returns the number of bytes. */
export function utf8Push(s: string, out: number[]): number {
  const before = out.length;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      } else out.push(0xef, 0xbf, 0xbd); // lone high surrogate → U+FFFD
    } else if (c >= 0xd800 && c <= 0xdfff) out.push(0xef, 0xbf, 0xbd);
    else out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out.length - before;
}

/** UTF-8 bytes of a string as a Uint8Array. */
export function utf8Bytes(s: string): Uint8Array {
  const out: number[] = [];
  utf8Push(s, out);
  return Uint8Array.from(out);
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Bytes → string; invalid sequences become U+FFFD; a leading BOM is kept (round trip). */
export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Concatenate byte arrays. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Display form of a token's bytes: valid UTF-8 is shown as text, every byte of an invalid
 * or partial sequence as \xNN. Example: [0xF0, 0x9F] → "\xF0\x9F"; [0x68, 0x69] → "hi".
 */
export function displayBytes(bytes: Uint8Array): string {
  let s = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    let ok = n > 0 && i + n <= bytes.length;
    for (let k = 1; ok && k < n; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (ok) {
      const chunk = utf8Decode(bytes.subarray(i, i + n));
      ok = !chunk.includes('\uFFFD') || (n === 3 && b === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd);
      if (ok) {
        s += chunk;
        i += n;
        continue;
      }
    }
    s += '\\x' + b.toString(16).toUpperCase().padStart(2, '0');
    i++;
  }
  return s;
}

/** UTF-8 length of the code point starting at s[i] and its UTF-16 length. */
export function codePointLengths(s: string, i: number): [bytes: number, units: number] {
  const c = s.charCodeAt(i);
  if (c < 0x80) return [1, 1];
  if (c < 0x800) return [2, 1];
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return [4, 2];
  }
  return [3, 1];
}

/**
 * Span helpers for tokenizers that work on characters (WordPiece, Unigram, char): convert
 * UTF-16 spans to UTF-8 byte spans so every Tokenizer returns the same TokenSpan shape.
 *
 * Example: byteOffsets("aé😀") → [0, 1, 1, 3, 3, 3, 7] (index = UTF-16 offset; the low half of
 * the surrogate pair shares its code point's start, the last entry is the total byte length).
 */
import { codePointLengths } from './bytes';

/** byteAt[i] = UTF-8 offset of UTF-16 offset i (i = 0 … text.length). */
export function byteOffsets(text: string): Int32Array {
  const out = new Int32Array(text.length + 1);
  let b = 0;
  for (let i = 0; i < text.length; ) {
    const [nb, nu] = codePointLengths(text, i);
    out[i] = b;
    if (nu === 2) out[i + 1] = b;
    b += nb;
    i += nu;
  }
  out[text.length] = b;
  return out;
}

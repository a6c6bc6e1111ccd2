/**
 * Byte-level tokenizer: the UTF-8 bytes of the text are the ids (256 ids, no merges) —
 * BPE before its first merge. A multi-byte character gives several partial tokens.
 *
 * Example: encode("é") → [195, 169]; decode([195, 169]) → "é"; decode([195]) → "\uFFFD".
 */
import { codePointLengths, displayBytes, utf8Decode, utf8Push } from './bytes';
import { toWellFormed } from './pretokenize';
import type { TokenSpan, Tokenizer } from './types';

export class ByteTokenizer implements Tokenizer {
  readonly name = 'Bytes (UTF-8)';
  readonly vocabSize = 256;

  encode(text: string): number[] {
    const out: number[] = [];
    utf8Push(toWellFormed(text), out);
    return out;
  }

  decode(ids: readonly number[]): string {
    return utf8Decode(Uint8Array.from(ids.filter((b) => b >= 0 && b < 256)));
  }

  encodeWithSpans(text: string): TokenSpan[] {
    const clean = toWellFormed(text);
    const out: TokenSpan[] = [];
    const bytes: number[] = [];
    let b = 0;
    for (let i = 0; i < clean.length; ) {
      const [nb, nu] = codePointLengths(clean, i);
      bytes.length = 0;
      utf8Push(clean.slice(i, i + nu), bytes);
      for (const id of bytes) {
        out.push({ id, text: this.tokenText(id), start: i, end: i + nu, byteStart: b, byteEnd: b + 1, partial: nb > 1, special: false });
        b++;
      }
      i += nu;
    }
    return out;
  }

  tokenText(id: number): string {
    return displayBytes(Uint8Array.of(id));
  }
}

/**
 * The one interface every tokenizer in lib/tokenizer implements (byte-level BPE, WordPiece,
 * Unigram, characters, bytes), so a lesson widget can swap them and link text ↔ ids.
 *
 * Offsets: `start`/`end` are UTF-16 code-unit offsets into the input string (what
 * `String.prototype.slice` takes); `byteStart`/`byteEnd` are offsets into its UTF-8 bytes.
 * A token that holds only part of a character's bytes (byte-level BPE can split an emoji)
 * gets the span of the whole character and `partial: true`; its neighbour shares that span.
 * Lone surrogates are replaced by U+FFFD before anything else (same length in UTF-16, so
 * offsets still index the caller's string).
 */

export interface TokenSpan {
  /** Token id. */
  id: number;
  /** Human-readable token text (invalid UTF-8 bytes shown as \xNN). */
  text: string;
  /** UTF-16 span in the input text: input.slice(start, end). */
  start: number;
  end: number;
  /** UTF-8 byte span in the input text. */
  byteStart: number;
  byteEnd: number;
  /** True when the token holds only part of the bytes of a character. */
  partial: boolean;
  /** True for a special token such as <|endoftext|> or [CLS]. */
  special: boolean;
}

export interface Tokenizer {
  /** Short display name, e.g. "GPT-2 (r50k)" or "BPE 4k (austen)". */
  readonly name: string;
  /** Number of ids, special tokens included (ids are 0 … vocabSize-1, possibly with gaps). */
  readonly vocabSize: number;
  /** Text → ids. */
  encode(text: string): number[];
  /** Ids → text. Unknown ids are skipped; invalid UTF-8 becomes U+FFFD. */
  decode(ids: readonly number[]): string;
  /** Text → tokens with their spans in the text (for the UI: hover a token, see its text). */
  encodeWithSpans(text: string): TokenSpan[];
  /** Display text of one id (invalid UTF-8 bytes shown as \xNN). */
  tokenText(id: number): string;
}

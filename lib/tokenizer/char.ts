/**
 * Character-level tokenizer: one id per Unicode code point of a fixed alphabet (e.g. the 63
 * characters of the KJV corpus), plus <unk> (id 0) for anything else, decoded as U+FFFD.
 *
 * Example: CharTokenizer.fromText("abba") → vocab ["<unk>", "a", "b"]; encode("abc") → [1, 2, 0].
 */
import { toWellFormed } from './pretokenize';
import { byteOffsets } from './spans';
import type { TokenSpan, Tokenizer } from './types';

export class CharTokenizer implements Tokenizer {
  readonly name: string;
  /** vocab[0] is "<unk>", then the characters. */
  readonly vocab: readonly string[];
  private readonly ids: Map<string, number>;

  constructor(chars: readonly string[], name?: string) {
    this.vocab = ['<unk>', ...chars];
    this.ids = new Map(chars.map((c, i) => [c, i + 1]));
    this.name = name ?? `Characters (${chars.length})`;
  }

  /** Alphabet = the distinct code points of text, sorted by code point. */
  static fromText(text: string, name?: string): CharTokenizer {
    const set = new Set(toWellFormed(text));
    return new CharTokenizer([...set].sort((a, b) => (a.codePointAt(0) as number) - (b.codePointAt(0) as number)), name);
  }

  get vocabSize(): number {
    return this.vocab.length;
  }

  encodeWithSpans(text: string): TokenSpan[] {
    const clean = toWellFormed(text);
    const bo = byteOffsets(clean);
    const out: TokenSpan[] = [];
    let i = 0;
    for (const c of clean) {
      const id = this.ids.get(c) ?? 0;
      out.push({ id, text: id === 0 ? '<unk>' : c, start: i, end: i + c.length, byteStart: bo[i], byteEnd: bo[i + c.length], partial: false, special: id === 0 });
      i += c.length;
    }
    return out;
  }

  encode(text: string): number[] {
    const out: number[] = [];
    for (const c of toWellFormed(text)) out.push(this.ids.get(c) ?? 0);
    return out;
  }

  decode(ids: readonly number[]): string {
    return ids.map((id) => (id === 0 ? '\uFFFD' : (this.vocab[id] ?? ''))).join('');
  }

  tokenText(id: number): string {
    return this.vocab[id] ?? '';
  }

  toJSON(): { format: 'llmlab-char'; version: 1; name: string; chars: string[] } {
    return { format: 'llmlab-char', version: 1, name: this.name, chars: this.vocab.slice(1) };
  }

  static fromJSON(j: { format: string; name: string; chars: string[] }): CharTokenizer {
    if (j.format !== 'llmlab-char') throw new Error('not an llmlab-char file');
    return new CharTokenizer(j.chars, j.name);
  }
}

/**
 * WordPiece (BERT): greedy longest-match-first encoding with "##" continuation pieces.
 *
 * Pre-tokenization (BERT's BasicTokenizer, simplified): optional lower-casing and accent
 * stripping, split on whitespace, every punctuation character and every CJK ideograph is a word
 * of its own. Each word is then encoded greedily: take the longest vocabulary entry that is a
 * prefix of the rest ("##"-prefixed after the first piece); if at some point nothing matches,
 * the whole word becomes [UNK] (as in BERT). Words longer than 100 characters are [UNK].
 *
 * Example (BERT's docstring): vocab {un, ##aff, ##able, …}: "unaffable" → un ##aff ##able.
 *
 * decode is lossy by design: pieces are joined with spaces, "##" pieces glued to the previous
 * one ("un ##aff ##able , ok" → "unaffable , ok").
 *
 * Training: see wordpiece-train.ts.
 */
import { utf8Bytes } from './bytes';
import { toWellFormed } from './pretokenize';
import { byteOffsets } from './spans';
import type { TokenSpan, Tokenizer } from './types';

export const WP_SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
export const CONT = '##';
const MAX_WORD_CHARS = 100;

export interface WordPieceOptions {
  lowercase?: boolean;
  stripAccents?: boolean;
  name?: string;
}

/** One pre-tokenized word: normalized text and the original UTF-16 span of each code point. */
export interface WpWord {
  chars: string[];
  starts: number[];
  ends: number[];
}

function isPunct(c: string): boolean {
  const cp = c.codePointAt(0) as number;
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) return true;
  return /\p{P}/u.test(c);
}

function isCjk(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x2ceaf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f);
}

/** BERT-style basic pre-tokenization with original spans. */
export function wordpiecePretokenize(text: string, lowercase: boolean, stripAccents: boolean): WpWord[] {
  const words: WpWord[] = [];
  let cur: WpWord | null = null;
  const flush = () => {
    if (cur && cur.chars.length) words.push(cur);
    cur = null;
  };
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    const c = String.fromCodePoint(cp);
    const end = i + c.length;
    if (/\s/u.test(c) || cp === 0 || cp === 0xfffd || /\p{Cc}/u.test(c)) {
      flush();
    } else {
      let norm = lowercase ? c.toLowerCase() : c;
      if (stripAccents) norm = norm.normalize('NFD').replace(/\p{Mn}/gu, '');
      if (norm.length > 0) {
        const alone = isPunct(c) || isCjk(cp);
        if (alone) flush();
        if (cur === null) cur = { chars: [], starts: [], ends: [] };
        const w: WpWord = cur;
        for (const n of norm) {
          w.chars.push(n);
          w.starts.push(i);
          w.ends.push(end);
        }
        if (alone) flush();
      }
    }
    i = end;
  }
  flush();
  return words;
}

export class WordPieceTokenizer implements Tokenizer {
  readonly name: string;
  readonly vocab: readonly string[];
  readonly lowercase: boolean;
  readonly stripAccents: boolean;
  readonly unkId: number;
  private readonly ids: Map<string, number>;
  private readonly maxLen: number;

  constructor(vocab: readonly string[], opts: WordPieceOptions = {}) {
    this.vocab = vocab;
    this.name = opts.name ?? `WordPiece ${vocab.length}`;
    this.lowercase = opts.lowercase ?? false;
    this.stripAccents = opts.stripAccents ?? false;
    this.ids = new Map(vocab.map((t, i) => [t, i]));
    const unk = this.ids.get('[UNK]');
    if (unk === undefined) throw new Error('WordPiece vocabulary needs an [UNK] token');
    this.unkId = unk;
    this.maxLen = Math.max(1, ...vocab.map((t) => [...t].length));
  }

  get vocabSize(): number {
    return this.vocab.length;
  }

  idOf(token: string): number | undefined {
    return this.ids.get(token);
  }

  /** Greedy longest-match-first pieces of one word: [start char, end char, id][]. */
  encodeWord(chars: readonly string[]): [number, number, number][] {
    if (chars.length > MAX_WORD_CHARS) return [[0, chars.length, this.unkId]];
    const out: [number, number, number][] = [];
    let start = 0;
    while (start < chars.length) {
      let found = -1;
      let end = Math.min(chars.length, start + this.maxLen);
      for (; end > start; end--) {
        const sub = (start > 0 ? CONT : '') + chars.slice(start, end).join('');
        const id = this.ids.get(sub);
        if (id !== undefined) {
          found = id;
          break;
        }
      }
      if (found < 0) return [[0, chars.length, this.unkId]];
      out.push([start, end, found]);
      start = end;
    }
    return out;
  }

  encodeWithSpans(input: string): TokenSpan[] {
    const text = toWellFormed(input);
    const bo = byteOffsets(text);
    const spans: TokenSpan[] = [];
    for (const w of wordpiecePretokenize(text, this.lowercase, this.stripAccents)) {
      for (const [s, e, id] of this.encodeWord(w.chars)) {
        const start = w.starts[s];
        const end = w.ends[e - 1];
        spans.push({ id, text: this.vocab[id], start, end, byteStart: bo[start], byteEnd: bo[end], partial: false, special: id === this.unkId });
      }
    }
    return spans;
  }

  encode(text: string): number[] {
    return this.encodeWithSpans(text).map((s) => s.id);
  }

  decode(ids: readonly number[]): string {
    let s = '';
    for (const id of ids) {
      const t = this.vocab[id];
      if (t === undefined) continue;
      if (t.startsWith(CONT)) s += t.slice(CONT.length);
      else s += (s ? ' ' : '') + t;
    }
    return s;
  }

  tokenText(id: number): string {
    return this.vocab[id] ?? '';
  }

  /** UTF-8 length of a token's text without "##" (for displays that size tokens). */
  tokenByteLength(id: number): number {
    const t = this.tokenText(id);
    return utf8Bytes(t.startsWith(CONT) ? t.slice(CONT.length) : t).length;
  }

  toJSON(): { format: 'llmlab-wordpiece'; version: 1; name: string; lowercase: boolean; stripAccents: boolean; vocab: string[] } {
    return { format: 'llmlab-wordpiece', version: 1, name: this.name, lowercase: this.lowercase, stripAccents: this.stripAccents, vocab: [...this.vocab] };
  }
}

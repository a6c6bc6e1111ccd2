/**
 * Pre-tokenization: split text into "words" before BPE so merges never cross them.
 *
 * GPT2_PATTERN is the split regex of GPT-2 (r50k): contractions, optional space + letters,
 * optional space + digits, optional space + punctuation, whitespace runs (leaving the last
 * space to the next word). CL100K_PATTERN is GPT-4's (cl100k): case-insensitive contractions,
 * one non-letter + letters, numbers in groups of at most 3 digits, punctuation runs, newlines.
 * JavaScript has no inline `(?i:…)`, so the contractions are spelled with character classes.
 * Both are written from the published pattern strings (tiktoken's openai_public.py); the
 * tests check the resulting ids against js-tiktoken.
 *
 * Example: splitPieces("Hello  world's 2024!", GPT2_PATTERN)
 *   → ["Hello", " ", " world", "'s", " 2024", "!"]
 */

export const GPT2_PATTERN =
  "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

export const CL100K_PATTERN =
  "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

/** Whitespace-only split (one piece per run of non-spaces, spaces attached in front). */
export const WHITESPACE_PATTERN = '\\s*\\S+|\\s+';

/** Named patterns a UI can offer in a select. */
export const PATTERNS: Readonly<Record<string, string>> = {
  gpt2: GPT2_PATTERN,
  cl100k: CL100K_PATTERN,
  whitespace: WHITESPACE_PATTERN,
};

/** Compile a split pattern (global + unicode flags). Throws on a bad pattern. */
export function compilePattern(pattern: string): RegExp {
  return new RegExp(pattern, 'gu');
}

/**
 * Replace lone surrogates by U+FFFD (same UTF-16 length, so offsets are preserved).
 * This is our defined behaviour for ill-formed strings: encode(x) === encode(toWellFormed(x)).
 */
export function toWellFormed(text: string): string {
  const s = text as string & { toWellFormed?: () => string };
  if (typeof s.toWellFormed === 'function') return s.toWellFormed();
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Call fn(piece, start) for every regex piece of text, in order. */
export function forEachPiece(
  text: string,
  re: RegExp,
  fn: (piece: string, start: number) => void,
  from = 0,
  to = text.length,
): void {
  const s = from === 0 && to === text.length ? text : text.slice(from, to);
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) fn(m[0], m.index + from);
}

/** The pieces of text as an array (convenience for lessons and tests). */
export function splitPieces(text: string, pattern: string = GPT2_PATTERN): string[] {
  const out: string[] = [];
  forEachPiece(toWellFormed(text), compilePattern(pattern), (p) => out.push(p));
  return out;
}

function escapeRegex(s: string): string {
  return s.replace(/[\\^$*+?.()|[\]{}]/g, '\\$&');
}

/**
 * Split text around special tokens: returns segments in order, each either plain text or a
 * special token. Longest special token wins when two start at the same place.
 * Example: splitSpecial("a<|eot|>b", ["<|eot|>"]) → [{text:"a"}, {special:"<|eot|>"}, {text:"b"}]
 */
export type Segment = { kind: 'text' | 'special'; text: string; start: number };

export function splitSpecial(text: string, specials: readonly string[]): Segment[] {
  if (specials.length === 0 || text.length === 0) return text ? [{ kind: 'text', text, start: 0 }] : [];
  const sorted = [...specials].sort((a, b) => b.length - a.length);
  const re = new RegExp(sorted.map(escapeRegex).join('|'), 'g');
  const out: Segment[] = [];
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index), start: last });
    out.push({ kind: 'special', text: m[0], start: m.index });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last), start: last });
  return out;
}

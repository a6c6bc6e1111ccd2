/**
 * Pure view model of the token viewer: tokenizer spans → coloured cells with visible
 * whitespace, plus the counts a student compares across tokenizers.
 *
 * Example: "a b\n" under bytes → cells "a", "·", "b", "↵" (the last one ends a line);
 * counts { tokens: 4, chars: 4, bytes: 4, bytesPerToken: 1 }.
 *
 * "Characters" are grapheme clusters (what a reader sees, as in the lesson on bytes): 👋🏽 is one
 * character, two code points, eight bytes. Efficiency is bytes per token (higher = more text per
 * token), the one measure the lessons use.
 */
import type { TokenSpan } from '@/lib/tokenizer';
import { splitGraphemes } from '@/lib/text/graphemes';

/** Number of token colours (CSS classes tok-c0 … tok-c4). */
export const N_COLOURS = 5;

const SHOW: Record<string, string> = { ' ': '·', '\n': '↵', '\t': '⇥', '\r': '␍' };

/** Whitespace made visible: space → ·, newline → ↵, tab → ⇥, carriage return → ␍. */
export function visibleText(s: string): string {
  return s.replace(/[ \n\t\r]/g, (c) => SHOW[c]);
}

export interface TokenCell {
  index: number;
  id: number;
  /** Token text with whitespace made visible. */
  label: string;
  /** Accessible description, e.g. 'token 2 of 5: "·the", id 262'. */
  description: string;
  colour: number;
  /** The token ends with a newline: the strip breaks the line after it. */
  breakAfter: boolean;
  partial: boolean;
  special: boolean;
}

export interface TokenCounts {
  tokens: number;
  /** Characters = grapheme clusters (Unicode UAX #29), e.g. 👋🏽 counts 1. */
  chars: number;
  /** UTF-8 bytes. */
  bytes: number;
  /** bytes / tokens (0 for an empty text). */
  bytesPerToken: number;
}

export function countText(text: string, tokens: number): TokenCounts {
  const chars = splitGraphemes(text).length;
  const bytes = new TextEncoder().encode(text).length;
  return { tokens, chars, bytes, bytesPerToken: tokens === 0 ? 0 : bytes / tokens };
}

export interface TokenView {
  cells: TokenCell[];
  counts: TokenCounts;
  /** Tokens not drawn because of `limit`. */
  hiddenTokens: number;
}

/** Spans → at most `limit` cells and the counts of the whole text. */
export function layoutTokens(text: string, spans: readonly TokenSpan[], limit = 3000): TokenView {
  const shown = spans.slice(0, limit);
  const cells = shown.map((s, i) => {
    const label = visibleText(s.text);
    return {
      index: i,
      id: s.id,
      label,
      description: `token ${i + 1} of ${spans.length}: "${label}", id ${s.id}${s.partial ? ' (part of a character)' : ''}`,
      colour: i % N_COLOURS,
      breakAfter: s.text.endsWith('\n'),
      partial: s.partial,
      special: s.special,
    };
  });
  return { cells, counts: countText(text, spans.length), hiddenTokens: spans.length - shown.length };
}

/** "3.25" style: two decimals at most, trailing zeros dropped. */
export function fmtRatio(x: number): string {
  return String(Math.round(x * 100) / 100);
}

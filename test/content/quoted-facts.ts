/**
 * Helpers for the quoted-facts test: how the lessons write tokens, and where to look for a quote.
 *
 * A lesson writes a token in backticks with its spaces shown as · and newlines as ↵ (the token
 * viewer's convention): " the" → `·the`. The quoted-facts test builds each sentence fragment a
 * lesson quotes FROM lib's output (token texts, ids, counts) and requires the fragment to appear
 * in the lesson, so a number in the prose cannot drift from what the code computes.
 */
import { readFileSync } from 'node:fs';

/** Whitespace made visible, as the token viewer and the lessons show it. */
export const vis = (s: string) => s.replace(/ /g, '·').replace(/\n/g, '↵');

/** One token as a lesson writes it: `·the`. */
export const code = (s: string) => '`' + vis(s) + '`';

/** Several tokens as a lesson writes them: `·to` `ken` `iz` `er`. */
export const codes = (list: readonly string[]) => list.map(code).join(' ');

/** "1,234" style thousands, as the lessons write counts. */
export const num = (n: number) => n.toLocaleString('en');

/** Round to `d` decimals, trailing zeros kept: fixed(3.7, 2) → "3.70". */
export const fixed = (x: number, d: number) => x.toFixed(d);

/** A lesson's source with every run of whitespace collapsed to one space (line wrapping does not matter). */
export function lessonText(slug: string): string {
  return readFileSync(`content/lessons/${slug}.mdx`, 'utf8').replace(/\s+/g, ' ');
}

/** The fragment, whitespace collapsed the same way. */
export const quoteOf = (s: string) => s.replace(/\s+/g, ' ');

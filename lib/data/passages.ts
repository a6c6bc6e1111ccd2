/**
 * Passages: the unit the quality filters and near-duplicate detectors look at. Prose is cut at
 * blank lines (paragraphs); the King James Bible file has one verse per line, so a verse is a
 * passage there.
 *
 *   splitPassages('a b\nc\n\nd', 'paragraph')  // [{start: 0, end: 5, text: 'a b\nc'}, {start: 7, end: 8, text: 'd'}]
 *   splitPassages('v1\nv2\n', 'line')          // [{start: 0, end: 2, text: 'v1'}, {start: 3, end: 5, text: 'v2'}]
 */

export type SplitMode = 'paragraph' | 'line';

export interface Passage {
  /** Offsets [start, end) in the text it was cut from (whitespace trimmed). */
  start: number;
  end: number;
  text: string;
}

export function splitPassages(text: string, mode: SplitMode): Passage[] {
  const sep = mode === 'paragraph' ? /\n[ \t]*\n/g : /\n/g;
  const out: Passage[] = [];
  let from = 0;
  const push = (a: number, b: number) => {
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (b > a) out.push({ start: a, end: b, text: text.slice(a, b) });
  };
  for (const m of text.matchAll(sep)) {
    push(from, m.index);
    from = m.index + m[0].length;
  }
  push(from, text.length);
  return out;
}

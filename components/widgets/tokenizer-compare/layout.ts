/**
 * Pure view model of the tokenizer comparison: where each tokenizer cuts a text, and which
 * cuts it disagrees on with a reference tokenizer.
 *
 * A cut is a UTF-16 offset strictly inside the text where one token ends and the next begins.
 * Cuts that touch whitespace are left out: tokenizers attach spaces differently (GPT-2 glues a
 * space to the next word, WordPiece drops it, Unigram turns it into ▁), which is not a
 * disagreement about how to split words.
 *
 * Example: "unhappy" cut as un|happy (cuts {2}) and as un|hap|py (cuts {2, 5}): against the
 * first, the second has the extra cut 5 and misses none.
 */
import type { TokenSpan } from '@/lib/tokenizer';
import { N_COLOURS, visibleText } from '../token-viewer/layout';

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/** Internal token boundaries of spans over text, without those next to whitespace. */
export function cutPositions(text: string, spans: readonly Pick<TokenSpan, 'start' | 'end'>[]): Set<number> {
  const cuts = new Set<number>();
  for (const s of spans) {
    for (const p of [s.start, s.end]) {
      if (p <= 0 || p >= text.length) continue;
      if (isSpace(text[p - 1]) || isSpace(text[p])) continue;
      cuts.add(p);
    }
  }
  return cuts;
}

/** Cuts in `other` and not in `ref` (extra), and in `ref` and not in `other` (missing), sorted. */
export function diffCuts(ref: ReadonlySet<number>, other: ReadonlySet<number>): { extra: number[]; missing: number[] } {
  const extra = [...other].filter((p) => !ref.has(p)).sort((a, b) => a - b);
  const missing = [...ref].filter((p) => !other.has(p)).sort((a, b) => a - b);
  return { extra, missing };
}

export interface CompareCell {
  label: string;
  colour: number;
  /** This token starts at a cut the reference does not make. */
  extraBefore: boolean;
  /** The reference cuts inside this token (it keeps together what the reference splits). */
  missingInside: boolean;
}

export interface CompareRowView {
  count: number;
  cells: CompareCell[];
  extra: number;
  missing: number;
}

/** One tokenizer's row, compared with the reference cuts. */
export function compareRow(text: string, spans: readonly TokenSpan[], refCuts: ReadonlySet<number>): CompareRowView {
  const cuts = cutPositions(text, spans);
  const { extra, missing } = diffCuts(refCuts, cuts);
  const extraSet = new Set(extra);
  const missingList = missing;
  const cells = spans.map((s, i) => ({
    label: visibleText(s.text),
    colour: i % N_COLOURS,
    extraBefore: extraSet.has(s.start) && (i === 0 || spans[i - 1].start !== s.start),
    missingInside: missingList.some((p) => p > s.start && p < s.end),
  }));
  return { count: spans.length, cells, extra: extra.length, missing: missing.length };
}

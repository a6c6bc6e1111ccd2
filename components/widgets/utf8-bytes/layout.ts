/**
 * Pure view model of the utf8-bytes widget: text → cards (one per grapheme) with a printable
 * glyph, code point labels and byte chips split into marker bits and payload bits.
 */
import { breakdown, type TextBreakdown } from '@/lib/text/graphemes';
import { byteRole, cpLabel, formatByte, markerBits, type ByteRole } from '@/lib/text/utf8';

export type Base = 'hex' | 'bin' | 'dec';

export interface ByteChip {
  value: number;
  role: ByteRole;
  /** For base 'bin': the marker prefix ("110") and payload ("00011") separately; else text only. */
  marker: string;
  payload: string;
  text: string;
}

export interface CpRow {
  label: string;
  lone: boolean;
  bytes: ByteChip[];
}

export interface Card {
  key: string;
  glyph: string;
  /** Accessible description, e.g. "é: 2 code points, 3 bytes". */
  description: string;
  cps: CpRow[];
}

export interface Utf8View {
  cards: Card[];
  counts: TextBreakdown['counts'];
  hasLone: boolean;
}

const NAMED: Record<string, string> = { ' ': '␣', '\n': '⏎', '\t': '⇥', '\r': '␍' };

/** A glyph that can be seen: spaces and controls become symbols or their code point label. */
export function visibleGlyph(g: string): string {
  if (NAMED[g]) return NAMED[g];
  const cp = g.codePointAt(0) ?? 0;
  if (g.length === 1 && (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))) return cpLabel(cp);
  if (/^\p{M}/u.test(g)) return '◌' + g; // a leading combining mark shows on a dotted circle
  return g;
}

export function chip(value: number, base: Base): ByteChip {
  const text = formatByte(value, base);
  const m = base === 'bin' ? markerBits(value) : 0;
  return { value, role: byteRole(value), marker: text.slice(0, m), payload: text.slice(m), text };
}

export function layoutUtf8(text: string, base: Base): Utf8View {
  const b = breakdown(text);
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const cards = b.graphemes.map((g, i) => {
    const nBytes = g.codePoints.reduce((s, c) => s + c.bytes.length, 0);
    return {
      key: `${i}-${g.codePoints[0]?.index ?? i}`,
      glyph: visibleGlyph(g.text),
      description: `${visibleGlyph(g.text)}: ${plural(g.codePoints.length, 'code point')}, ${plural(nBytes, 'byte')}`,
      cps: g.codePoints.map((c) => ({
        label: cpLabel(c.cp),
        lone: c.lone,
        bytes: c.bytes.map((v) => chip(v, base)),
      })),
    };
  });
  return { cards, counts: b.counts, hasLone: cards.some((c) => c.cps.some((r) => r.lone)) };
}

import { describe, expect, it } from 'vitest';
import { ByteTokenizer, type TokenSpan } from '@/lib/tokenizer';
import { countText, fmtRatio, layoutTokens, visibleText } from '@/components/widgets/token-viewer/layout';

const span = (id: number, text: string, start: number, end: number, partial = false): TokenSpan => ({ id, text, start, end, byteStart: start, byteEnd: end, partial, special: false });

describe('token-viewer layout', () => {
  it('visibleText shows spaces as ·, newlines as ↵ and tabs as ⇥', () => {
    expect(visibleText(' the\n\tend ')).toBe('·the↵⇥end·');
  });

  it('counts characters as graphemes, UTF-8 bytes and bytes per token', () => {
    // "é👋" = 2 graphemes; é is 2 bytes, 👋 (U+1F44B) is 4 bytes
    expect(countText('é👋', 3)).toEqual({ tokens: 3, chars: 2, bytes: 6, bytesPerToken: 2 });
    // 👋🏽 = one character (grapheme), two code points (U+1F44B U+1F3FD), 8 bytes; e + U+0301 = one character
    expect(countText('👋🏽', 4)).toEqual({ tokens: 4, chars: 1, bytes: 8, bytesPerToken: 2 });
    expect(countText('e\u0301', 1).chars).toBe(1);
    expect(countText('', 0).bytesPerToken).toBe(0);
  });

  it('lays out "a b\\n" under bytes as four cells, breaking the line after ↵', () => {
    const v = layoutTokens('a b\n', new ByteTokenizer().encodeWithSpans('a b\n'));
    expect(v.cells.map((c) => c.label)).toEqual(['a', '·', 'b', '↵']);
    expect(v.cells.map((c) => c.id)).toEqual([97, 32, 98, 10]);
    expect(v.cells.map((c) => c.breakAfter)).toEqual([false, false, false, true]);
    expect(v.cells.map((c) => c.colour)).toEqual([0, 1, 2, 3]);
    expect(v.counts).toEqual({ tokens: 4, chars: 4, bytes: 4, bytesPerToken: 1 });
  });

  it('draws at most `limit` cells but counts every token', () => {
    const spans = [span(1, 'a', 0, 1), span(2, 'b', 1, 2), span(3, 'c', 2, 3)];
    const v = layoutTokens('abc', spans, 2);
    expect(v.cells).toHaveLength(2);
    expect(v.hiddenTokens).toBe(1);
    expect(v.counts.tokens).toBe(3);
    expect(v.cells[1].description).toBe('token 2 of 3: "b", id 2');
  });

  it('marks tokens that hold part of a character', () => {
    const v = layoutTokens('é', [span(195, '\\xc3', 0, 1, true), span(169, '\\xa9', 0, 1, true)]);
    expect(v.cells.every((c) => c.partial)).toBe(true);
    expect(v.cells[0].description).toContain('(part of a character)');
  });

  it('fmtRatio keeps two decimals at most', () => {
    expect(fmtRatio(4 / 3)).toBe('1.33');
    expect(fmtRatio(2)).toBe('2');
  });
});

import { describe, expect, it } from 'vitest';
import type { TokenSpan } from '@/lib/tokenizer';
import { compareRow, cutPositions, diffCuts } from '@/components/widgets/tokenizer-compare/layout';

/** Spans for consecutive pieces of text (no gaps). */
function spansOf(pieces: string[], gaps: number[] = []): TokenSpan[] {
  let at = 0;
  return pieces.map((p, i) => {
    at += gaps[i] ?? 0;
    const s = { id: i, text: p, start: at, end: at + p.length, byteStart: at, byteEnd: at + p.length, partial: false, special: false };
    at += p.length;
    return s;
  });
}

describe('tokenizer-compare layout', () => {
  it('cutPositions finds the inner boundaries of un|hap|py', () => {
    expect([...cutPositions('unhappy', spansOf(['un', 'hap', 'py']))]).toEqual([2, 5]);
  });

  it('cuts next to a space are not compared (GPT-2 " cat" vs WordPiece "cat")', () => {
    // "a cat": GPT-2 style a|·cat, WordPiece style a|cat (the space dropped)
    expect([...cutPositions('a cat', spansOf(['a', ' cat']))]).toEqual([]);
    expect([...cutPositions('a cat', spansOf(['a', 'cat'], [0, 1]))]).toEqual([]);
    expect([...cutPositions('a cats', spansOf(['a', 'cat', 's'], [0, 1]))]).toEqual([5]);
  });

  it('diffCuts: un|hap|py against un|happy has one extra cut and none missing', () => {
    expect(diffCuts(new Set([2]), new Set([2, 5]))).toEqual({ extra: [5], missing: [] });
    expect(diffCuts(new Set([2, 5]), new Set([3]))).toEqual({ extra: [3], missing: [2, 5] });
  });

  it('compareRow marks the token after an extra cut and a token that hides a reference cut', () => {
    const ref = cutPositions('unhappy', spansOf(['un', 'happy'])); // {2}
    const row = compareRow('unhappy', spansOf(['unh', 'ap', 'py']), ref); // cuts {3, 5}
    expect(row.count).toBe(3);
    expect(row.extra).toBe(2);
    expect(row.missing).toBe(1);
    expect(row.cells.map((c) => [c.label, c.extraBefore, c.missingInside])).toEqual([
      ['unh', false, true], // the reference cuts at 2, inside "unh"
      ['ap', true, false],
      ['py', true, false],
    ]);
  });

  it('byte tokens of one character share a span and add no cut inside it', () => {
    const e = (id: number): TokenSpan => ({ id, text: '\\x', start: 0, end: 1, byteStart: 0, byteEnd: 1, partial: true, special: false });
    expect([...cutPositions('éa', [e(195), { ...e(169), byteStart: 1, byteEnd: 2 }, { id: 97, text: 'a', start: 1, end: 2, byteStart: 2, byteEnd: 3, partial: false, special: false }])]).toEqual([1]);
  });
});

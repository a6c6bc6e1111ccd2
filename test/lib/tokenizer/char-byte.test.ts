import { describe, expect, it } from 'vitest';
import { ByteTokenizer } from '@/lib/tokenizer/byte';
import { CharTokenizer } from '@/lib/tokenizer/char';
import { EDGE_STRINGS, randomStrings } from './edge-strings';

describe('CharTokenizer', () => {
  it('builds a sorted alphabet with <unk> first: "abba" → ["<unk>", "a", "b"], "abc" → [1, 2, 0]', () => {
    const t = CharTokenizer.fromText('abba');
    expect(t.vocab).toEqual(['<unk>', 'a', 'b']);
    expect(t.encode('abc')).toEqual([1, 2, 0]);
  });

  it('treats an astral emoji as one character and round-trips random text built from its alphabet', () => {
    const strs = randomStrings(5, 200);
    const t = CharTokenizer.fromText(strs.join(''));
    expect(t.encode('😀').length).toBe(1);
    for (const s of strs) expect(t.decode(t.encode(s))).toBe(s);
  });

  it('survives a JSON round trip', () => {
    const t = CharTokenizer.fromText('hello world');
    expect(CharTokenizer.fromJSON(t.toJSON()).encode('low')).toEqual(t.encode('low'));
  });
});

describe('ByteTokenizer', () => {
  const t = new ByteTokenizer();
  it('encodes "é" as its UTF-8 bytes [195, 169] and decodes a lone 195 to U+FFFD', () => {
    expect(t.encode('é')).toEqual([195, 169]);
    expect(t.decode([195])).toBe('\uFFFD');
  });

  it.each(Object.entries(EDGE_STRINGS))('ids equal TextEncoder’s bytes and decode inverts encode (%s)', (_n, s) => {
    expect(t.encode(s)).toEqual([...new TextEncoder().encode(s)]);
    expect(t.decode(t.encode(s))).toBe(s);
  });

  it('marks the bytes of a multi-byte character partial and gives them the character’s span', () => {
    const spans = t.encodeWithSpans('a€');
    expect(spans.map((s) => [s.start, s.end, s.partial])).toEqual([[0, 1, false], [1, 2, true], [1, 2, true], [1, 2, true]]);
    expect(spans[1].text).toBe('\\xE2');
  });
});

import { describe, expect, it } from 'vitest';
import { bool, defineSchema, enumOf, float, int, seed, str } from '@/components/lesson/url-state';

const schema = defineSchema({
  text: str({ default: 'hi', maxLength: 5 }),
  topk: int({ default: 5, min: 1, max: 50 }),
  temperature: float({ default: 1, min: 0, max: 2 }),
  mode: enumOf(['greedy', 'sample'] as const, 'sample'),
  taps: bool(false),
  seed: seed(42),
});
const q = (s: string) => new URLSearchParams(s);

describe('defineSchema.parse', () => {
  it('returns the defaults and no notes for an empty query', () => {
    expect(schema.parse(q(''))).toEqual({
      state: { text: 'hi', topk: 5, temperature: 1, mode: 'sample', taps: false, seed: 42 },
      notes: [],
    });
  });

  it('reads valid values of every kind', () => {
    const { state, notes } = schema.parse(q('text=yo&topk=7&temperature=0.35&mode=greedy&taps=1&seed=4294967295'));
    expect(state).toEqual({ text: 'yo', topk: 7, temperature: 0.35, mode: 'greedy', taps: true, seed: 4294967295 });
    expect(notes).toEqual([]);
  });

  it('clamps out-of-range numbers to the nearest bound and says so', () => {
    const { state, notes } = schema.parse(q('topk=900&temperature=-3'));
    expect(state.topk).toBe(50);
    expect(state.temperature).toBe(0);
    expect(notes).toEqual(['topk: 900 is above the maximum 50; using 50.', 'temperature: -3 is below the minimum 0; using 0.']);
  });

  it('rejects malformed values with the default and a note, never throwing', () => {
    const { state, notes } = schema.parse(q('topk=3.5&temperature=NaN&mode=beam&taps=yes&seed=-1'));
    expect(state).toMatchObject({ topk: 5, temperature: 1, mode: 'sample', taps: false, seed: 0 });
    expect(notes).toHaveLength(5);
    expect(notes[0]).toBe('topk: "3.5" is not a whole number; using 5 instead.');
    expect(notes[2]).toBe('mode: "beam" is not one of greedy, sample; using "sample" instead.');
  });

  it('rejects Infinity and empty numbers', () => {
    expect(schema.parse(q('temperature=Infinity')).state.temperature).toBe(1);
    expect(schema.parse(q('temperature=')).state.temperature).toBe(1);
    expect(schema.parse(q('topk=')).state.topk).toBe(5);
  });

  it('cuts text longer than maxLength at a code point boundary, never inside an emoji', () => {
    const { state, notes } = schema.parse(q(`text=${encodeURIComponent('ab😀cdef')}`));
    expect(state.text).toBe('ab😀cd');
    expect(notes).toEqual(['text: text longer than 5 characters was cut.']);
  });

  it('notes unknown keys and repeated keys, but not reserved ones', () => {
    const { state, notes } = schema.parse(q('zzz=1&topk=2&topk=3&hide=text'), { reserved: ['hide'] });
    expect(state.topk).toBe(2);
    expect(notes).toEqual(['zzz: unknown setting, ignored.', 'topk: given more than once; using the first value.']);
  });

  it('treats prototype keys (__proto__, constructor, toString) as unknown settings, never throwing', () => {
    const { state, notes } = schema.parse(q('__proto__=1&constructor=x&toString=2&hasOwnProperty=3'));
    expect(state).toEqual(schema.defaults);
    expect(notes).toEqual([
      '__proto__: unknown setting, ignored.',
      'constructor: unknown setting, ignored.',
      'toString: unknown setting, ignored.',
      'hasOwnProperty: unknown setting, ignored.',
    ]);
    expect(Object.getPrototypeOf(state)).toBe(Object.prototype);
  });

  it('with a prefix, reads only its own keys and names them in notes', () => {
    const { state, notes } = schema.parse(q('a.topk=9&b.topk=99&a.mode=x&other=1'), { prefix: 'a' });
    expect(state.topk).toBe(9);
    expect(notes).toEqual(['a.mode: "x" is not one of greedy, sample; using "sample" instead.']);
  });
});

describe('defineSchema.parse with a base state (a lesson preset)', () => {
  const base = { ...schema.defaults, text: 'yo', topk: 9 };

  it('starts from the base: missing keys keep the base values', () => {
    expect(schema.parse(q('mode=greedy'), { base })).toEqual({ state: { ...base, mode: 'greedy' }, notes: [] });
  });

  it('falls back to the base value, not the default, for a rejected value', () => {
    const { state, notes } = schema.parse(q('topk=lots'), { base });
    expect(state.topk).toBe(9);
    expect(notes).toEqual(['topk: "lots" is not a whole number; using 9 instead.']);
  });
});

describe('defineSchema.serialize', () => {
  it('writes every field, so the link keeps its meaning if defaults change', () => {
    expect(schema.serialize(schema.defaults)).toBe('text=hi&topk=5&temperature=1&mode=sample&taps=0&seed=42');
  });

  it('round-trips any valid state exactly, floats and unicode included', () => {
    const states = [
      { text: 'é 😀', topk: 1, temperature: 0.1 + 0.2, mode: 'greedy' as const, taps: true, seed: 0 },
      { text: '&=?#', topk: 50, temperature: 1.9999999999999998, mode: 'sample' as const, taps: false, seed: 123456789 },
    ];
    for (const s of states) {
      const back = schema.parse(q(schema.serialize(s)));
      expect(back).toEqual({ state: s, notes: [] });
      const pre = schema.parse(q(schema.serialize(s, { prefix: 'w' })), { prefix: 'w' });
      expect(pre).toEqual({ state: s, notes: [] });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { cutText } from '@/lib/text/cut';

describe('cutText', () => {
  it('keeps a text that fits, unchanged and not marked as cut', () => {
    expect(cutText('hello', 5)).toEqual({ text: 'hello', cut: false });
    expect(cutText('', 0)).toEqual({ text: '', cut: false });
  });

  it('counts code points, so an emoji (two UTF-16 units) is one and is never split', () => {
    expect(cutText('ab😀cd', 3)).toEqual({ text: 'ab😀', cut: true });
    expect(cutText('😀😀', 2)).toEqual({ text: '😀😀', cut: false });
    expect(cutText('😀😀😀', 2)).toEqual({ text: '😀😀', cut: true });
  });

  it('agrees with Array.from on texts with lone surrogates and mixed scripts', () => {
    const samples = ['a\ud800b😀\udc00c日本語👋🏽x', '\udc00\ud800\ud800\udc00z', 'e\u0301🇫🇷'.repeat(7)];
    for (const s of samples)
      for (let max = 0; max <= Array.from(s).length + 1; max++) {
        const want = Array.from(s).slice(0, max).join('');
        expect(cutText(s, max)).toEqual({ text: want, cut: want !== s });
      }
  });

  it('cuts a 150,000-character paste to the limit', () => {
    const r = cutText('x'.repeat(150_000), 400);
    expect(r.text).toBe('x'.repeat(400));
    expect(r.cut).toBe(true);
  });
});

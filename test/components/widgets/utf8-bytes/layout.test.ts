import { describe, expect, it } from 'vitest';
import { chip, layoutUtf8, visibleGlyph } from '@/components/widgets/utf8-bytes/layout';

describe('layoutUtf8', () => {
  it('makes one card per character with its code points and bytes (é = U+00E9 = C3 A9)', () => {
    const v = layoutUtf8('aé', 'hex');
    expect(v.cards.map((c) => c.glyph)).toEqual(['a', 'é']);
    expect(v.cards[1].cps).toEqual([
      {
        label: 'U+00E9',
        lone: false,
        bytes: [
          { value: 0xc3, role: 'lead2', marker: '', payload: 'C3', text: 'C3' },
          { value: 0xa9, role: 'continuation', marker: '', payload: 'A9', text: 'A9' },
        ],
      },
    ]);
    expect(v.cards[1].description).toBe('é: 1 code point, 2 bytes');
  });

  it('describes the flag 🇫🇷 as one card of 2 code points and 8 bytes', () => {
    const v = layoutUtf8('🇫🇷', 'dec');
    expect(v.cards).toHaveLength(1);
    expect(v.cards[0].description).toBe('🇫🇷: 2 code points, 8 bytes');
    expect(v.cards[0].cps.map((c) => c.label)).toEqual(['U+1F1EB', 'U+1F1F7']);
  });

  it('flags a lone surrogate', () => {
    expect(layoutUtf8('x\udc00', 'hex').hasLone).toBe(true);
    expect(layoutUtf8('x', 'hex').hasLone).toBe(false);
  });
});

describe('chip', () => {
  it('splits a binary byte into marker and payload bits: C3 = 110|00011, A9 = 10|101001', () => {
    expect(chip(0xc3, 'bin')).toMatchObject({ marker: '110', payload: '00011' });
    expect(chip(0xa9, 'bin')).toMatchObject({ marker: '10', payload: '101001' });
    expect(chip(0x41, 'bin')).toMatchObject({ marker: '0', payload: '1000001' });
  });
});

describe('visibleGlyph', () => {
  it('shows spaces, newlines and control characters as visible symbols', () => {
    expect(visibleGlyph(' ')).toBe('␣');
    expect(visibleGlyph('\n')).toBe('⏎');
    expect(visibleGlyph('\u0007')).toBe('U+0007');
  });

  it('puts a lone combining mark on a dotted circle', () => {
    expect(visibleGlyph('\u0301')).toBe('◌\u0301');
  });
});

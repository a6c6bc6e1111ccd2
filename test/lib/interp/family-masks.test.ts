// The three families' attention tables against tables written out by hand.
import { describe, expect, it } from 'vitest';
import { crossVisibility, familyMasks, selfVisibility, visibleCount } from '@/lib/interp/family-masks';

const draw = (v: boolean[][]): string[] => v.map((r) => r.map((x) => (x ? '1' : '.')).join(''));

describe('family attention masks (read from lib/model/positions.ts)', () => {
  it('decoder-only (causal): query i sees keys 0..i', () => {
    expect(draw(selfVisibility({ kind: 'causal' }, 4))).toEqual(['1...', '11..', '111.', '1111']);
  });

  it('encoder-only (bidirectional): every query sees every key', () => {
    expect(draw(selfVisibility({ kind: 'bidirectional' }, 3))).toEqual(['111', '111', '111']);
  });

  it('encoder-decoder: bidirectional encoder, causal decoder, unmasked m × n cross-attention', () => {
    const f = familyMasks(3, 2);
    expect(draw(f.encoderDecoder.encoder)).toEqual(['111', '111', '111']);
    expect(draw(f.encoderDecoder.decoder)).toEqual(['1.', '11']);
    expect(draw(f.encoderDecoder.cross)).toEqual(['111', '111']);
    expect(draw(crossVisibility(1, 4))).toEqual(['1111']);
  });

  it('counts visible pairs: n(n+1)/2 causal, n² bidirectional', () => {
    const f = familyMasks(7);
    expect(visibleCount(f.decoderOnly)).toBe((7 * 8) / 2);
    expect(visibleCount(f.encoderOnly)).toBe(49);
    expect(selfVisibility({ kind: 'causal' }, 0)).toEqual([]);
  });
});

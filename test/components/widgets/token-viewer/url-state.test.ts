import { describe, expect, it } from 'vitest';
import { tokenViewerSchema } from '@/components/widgets/token-viewer';
import { bpeTrainerSchema } from '@/components/widgets/bpe-trainer';
import { tokenizerCompareSchema } from '@/components/widgets/tokenizer-compare';
import { unigramSamplesSchema } from '@/components/widgets/unigram-samples';

const roundTrip = <S,>(schema: { serialize(s: S, o?: { prefix?: string }): string; parse(p: URLSearchParams, o?: { prefix?: string }): { state: S; notes: string[] } }, s: S, prefix?: string) =>
  schema.parse(new URLSearchParams(schema.serialize(s, { prefix })), { prefix });

describe('URL state of the tokenization widgets', () => {
  it('a non-default state of each widget comes back unchanged, with and without a lesson prefix', () => {
    const cases = [
      [tokenViewerSchema, { text: 'a b\n👋🏽 & = ?', tok: 'cl100k' }],
      [bpeTrainerSchema, { corpus: 'aaabdaaabac', vocab: 259, trained: true, step: 2, sel: 257 }],
      [tokenizerCompareSchema, { text: 'héllo wörld', vocab: 500, ref: 'unigram', big: true }],
      [unigramSamplesSchema, { text: 'happiness', alpha: 0.15, seed: 4294967295, nbest: 3, samples: 12, vocab: 1200 }],
    ] as const;
    for (const [schema, s] of cases) {
      for (const prefix of [undefined, 'x']) {
        const r = roundTrip(schema as never, s as never, prefix);
        expect(r.notes).toEqual([]);
        expect(r.state).toEqual(s);
      }
    }
  });

  it('bad values are clamped or replaced with a note, never thrown', () => {
    const r = bpeTrainerSchema.parse(new URLSearchParams('vocab=99999&step=-3&trained=maybe'));
    expect(r.state.vocab).toBe(4096);
    expect(r.state.step).toBe(0);
    expect(r.state.trained).toBe(false);
    expect(r.notes).toHaveLength(3);
    expect(tokenViewerSchema.parse(new URLSearchParams('tok=bert')).state.tok).toBe('austen');
    expect(unigramSamplesSchema.parse(new URLSearchParams('alpha=9')).state.alpha).toBe(3);
  });
});

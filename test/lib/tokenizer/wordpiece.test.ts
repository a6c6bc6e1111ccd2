import { describe, expect, it } from 'vitest';
import { WordPieceTokenizer } from '@/lib/tokenizer/wordpiece';
import { trainWordPiece } from '@/lib/tokenizer/wordpiece-train';

const tiny = new WordPieceTokenizer(['[PAD]', '[UNK]', 'un', '##aff', '##able', '##a', '##f', '##ff', 'a', 'u', '##n', ',', 'ok']);
const pieces = (t: WordPieceTokenizer, s: string) => t.encode(s).map((id) => t.tokenText(id));

describe('WordPiece encode', () => {
  it('splits "unaffable" greedily longest-first into un ##aff ##able (BERT’s docstring example)', () => {
    expect(pieces(tiny, 'unaffable')).toEqual(['un', '##aff', '##able']);
  });

  it('takes the longest match even when shorter pieces exist', () => {
    expect(pieces(tiny, 'unaff')).toEqual(['un', '##aff']);
    expect(pieces(tiny, 'una')).toEqual(['un', '##a']);
  });

  it('turns a whole word into [UNK] when any part of it cannot be matched', () => {
    expect(pieces(tiny, 'unaffablex ok')).toEqual(['[UNK]', 'ok']);
  });

  it('splits punctuation off as its own word and gives spans into the original text', () => {
    const text = ' un,ok ';
    const spans = tiny.encodeWithSpans(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['un', ',', 'ok']);
    expect(spans.map((s) => [s.byteStart, s.byteEnd])).toEqual([[1, 3], [3, 4], [4, 6]]);
  });

  it('decode glues ## pieces to the previous piece and separates words with spaces', () => {
    expect(tiny.decode(tiny.encode('unaffable , ok'))).toBe('unaffable , ok');
  });

  it('lower-cases and strips accents when asked, keeping spans on the original characters', () => {
    const t = new WordPieceTokenizer(['[UNK]', 'cafe'], { lowercase: true, stripAccents: true });
    const spans = t.encodeWithSpans('CAFÉ');
    expect(spans.map((s) => s.text)).toEqual(['cafe']);
    expect([spans[0].start, spans[0].end]).toEqual([0, 4]);
  });
});

describe('trainWordPiece', () => {
  const corpus = [['hug', 10], ['pug', 5], ['pun', 12], ['bun', 4], ['hugs', 5]] as const;
  const text = corpus.map(([w, n]) => (w + ' ').repeat(n)).join('');

  it('learns ##gs, then pu, then hu on the HF course corpus (scores 1/20, 1/36, 1/19 derived by hand)', () => {
    const { trace, tokenizer } = trainWordPiece(text, 5 + 7 + 3);
    // alphabet: b h p ##g ##n ##s ##u (7) after the 5 specials
    expect(trace.map((s) => s.token)).toEqual(['##gs', 'pu', 'hu']);
    expect(trace[0].score).toBeCloseTo(1 / 20, 12);
    expect(trace[1].score).toBeCloseTo(1 / 36, 12); // every pair ties at 1/36; (p,##u) has the highest count, 17
    expect(trace[2].score).toBeCloseTo(1 / 19, 12); // (h,##u), (b,##u), (##u,##gs) tie; (h,##u) count 15 wins
    expect(tokenizer.vocabSize).toBe(15);
    expect(tokenizer.encode('hugs').map((id) => tokenizer.tokenText(id))).toEqual(['hu', '##gs']);
  });

  it('is deterministic and every training word encodes without [UNK]', () => {
    const a = trainWordPiece(text + ' bugs mug', 30);
    const b = trainWordPiece(text + ' bugs mug', 30);
    expect(a.trace).toEqual(b.trace);
    expect(a.tokenizer.encode(text + ' bugs mug')).not.toContain(a.tokenizer.unkId);
  });
});

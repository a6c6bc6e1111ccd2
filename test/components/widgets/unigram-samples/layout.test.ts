import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@/lib/tensor/rng';
import { normalizeUnigram } from '@/lib/tokenizer';
import { forward } from '@/lib/tokenizer/lattice';
import { TOY_SEGMENTATIONS, toyUnigram } from '../../../fixtures/tokenizer/unigram-toy';
import { countSamples, pct, segRows } from '@/components/widgets/unigram-samples/layout';

// The toy vocabulary of lib/tokenizer/unigram.ts (scores derived by hand in the fixture).
const tok = toyUnigram();
const scores = TOY_SEGMENTATIONS.map(([, lp]) => lp);
const Z = (alpha: number) => scores.reduce((s, x) => s + Math.exp(alpha * x), 0);

describe('unigram-samples layout', () => {
  it('segRows gives each segmentation its probability over all four, at alpha 1 and 0.5', () => {
    const cps = [...normalizeUnigram('ab')];
    const lat = tok.lattice(cps);
    const rows = segRows(tok.nBest('ab', 4), forward(lat, cps.length, 1)[cps.length], 0.5, forward(lat, cps.length, 0.5)[cps.length]);
    expect(rows.map((r) => r.key)).toEqual(['▁a|b', '▁|ab', '▁ab', '▁|a|b']);
    rows.forEach((r, i) => {
      expect(r.p).toBeCloseTo(Math.exp(scores[i]) / Z(1), 12);
      expect(r.pAlpha).toBeCloseTo(Math.exp(0.5 * scores[i]) / Z(0.5), 12);
    });
    expect(rows.reduce((s, r) => s + r.p, 0)).toBeCloseTo(1, 12);
  });

  it('at alpha 0 every segmentation is equally likely (1/4 each)', () => {
    const cps = [...normalizeUnigram('ab')];
    const lat = tok.lattice(cps);
    const rows = segRows(tok.nBest('ab', 4), forward(lat, cps.length, 1)[cps.length], 0, forward(lat, cps.length, 0)[cps.length]);
    for (const r of rows) expect(r.pAlpha).toBeCloseTo(0.25, 12);
  });

  it('countSamples groups equal segmentations, most frequent first', () => {
    const s = (k: string) => ({ pieces: k.split('|') });
    expect(countSamples([s('a|b'), s('ab'), s('ab'), s('a|b'), s('ab')]).map((c) => [c.key, c.count])).toEqual([['ab', 3], ['a|b', 2]]);
  });

  it('sampled frequencies follow P^alpha (2000 draws, alpha 1)', () => {
    const rng = mulberry32(1);
    const counts = countSamples(Array.from({ length: 2000 }, () => tok.sample('ab', 1, rng)));
    const freq = Object.fromEntries(counts.map((c) => [c.key, c.count / 2000]));
    expect(freq['▁a|b']).toBeCloseTo(Math.exp(-3) / Z(1), 1);
    expect(freq['▁|ab']).toBeCloseTo(Math.exp(-3.5) / Z(1), 1);
  });

  it('pct rounds to one decimal and flags tiny values', () => {
    expect(pct(0.12345)).toBe('12.3%');
    expect(pct(0.0004)).toBe('<0.1%');
    expect(pct(1)).toBe('100.0%');
  });
});

/** lib/eval/cloze: option scores of a hand-computed tiny model, the normalisations, accuracy, and the shape of the hand-written set. */
import { describe, expect, it } from 'vitest';
import { accuracy, chance, continuationLogProb, normalised, optionShares, pick, scoreItem, type ClozeItem } from '@/lib/eval/cloze';
import { CLOZE_SET } from '@/lib/eval/cloze-set';
import { bpe } from './real';

// A model over V = 4 whose next-token row depends only on the current token:
// after 0: p = [.1, .6, .2, .1]; after anything else: p = [.25, .25, .25, .25] (logits = ln p).
const P0 = [0.1, 0.6, 0.2, 0.1];
const forward = async (ids: number[]) => ({ vocab: 4, logits: ids.flatMap((t) => (t === 0 ? P0 : [0.25, 0.25, 0.25, 0.25]).map(Math.log)) });
// text → ids: one id per character 'a' → 0, 'b' → 1, 'c' → 2, ' ' → 3
const tok = { encode: (s: string) => [...s].map((ch) => (ch === " " ? 3 : "abc".indexOf(ch))), bytes: (s: string) => s.length };

describe('multiple choice by log-likelihood', () => {
  it('sums ln p of the option tokens given everything before them', () => {
    const ids = [0, 1, 2];
    const { logits } = { logits: ids.flatMap((t) => (t === 0 ? P0 : [0.25, 0.25, 0.25, 0.25]).map(Math.log)) };
    expect(continuationLogProb(logits, 4, ids, 1)).toBeCloseTo(Math.log(0.6) + Math.log(0.25), 12);
    expect(() => continuationLogProb(logits, 4, ids, 0)).toThrow();
  });

  it('scores " b" and " bbbb" after "a" by hand, and the normalisations can disagree', async () => {
    // context "a" = [0]; " b" = [3, 1]; "a" then " " has p .1, then "b" after " " has p .25
    const item: ClozeItem = { context: 'a', options: ['b', 'bbbb'], answer: 0 };
    const s = await scoreItem(item, tok, forward);
    expect(s[0].sum).toBeCloseTo(Math.log(0.1) + Math.log(0.25), 12);
    expect(s[1].sum).toBeCloseTo(Math.log(0.1) + 4 * Math.log(0.25), 12);
    expect(s[0].tokens).toBe(2);
    expect(s[1].tokens).toBe(5);
    expect(s[1].bytes).toBe(5);
    expect(pick(s, 'sum')).toBe(0); // the short option wins the raw sum
    // per token: (ln .1 + 2 ln .25)/... → option 0: (−2.303 − 1.386)/2 = −1.844; option 1: (−2.303 − 5.545)/5 = −1.570
    expect(normalised(s[0], 'token')).toBeCloseTo((Math.log(0.1) + Math.log(0.25)) / 2, 12);
    expect(pick(s, 'token')).toBe(1); // the long option wins per token
    expect(pick(s, 'byte')).toBe(1);
    expect(accuracy([item], [s], 'sum')).toBe(1);
    expect(accuracy([item], [s], 'token')).toBe(0);
    const sh = optionShares(s, 'sum');
    expect(sh[0] / sh[1]).toBeCloseTo(64, 9); // e^(3 ln 4): three more tokens at p = ¼
  });

  it('chance is the mean of 1 / options', () => {
    expect(chance([{ context: 'a', options: ['b', 'c'], answer: 0 }, { context: 'a', options: ['b', 'c', 'a', 'b'], answer: 0 }])).toBeCloseTo(0.375, 12);
    expect(chance(CLOZE_SET)).toBe(0.25);
  });

  it('the hand-written set: 28 items of 4 distinct options, answers spread over the positions, contexts with no trailing space', () => {
    expect(CLOZE_SET.length).toBe(28);
    for (const it of CLOZE_SET) {
      expect(it.options.length).toBe(4);
      expect(new Set(it.options).size).toBe(4);
      expect(it.answer).toBeGreaterThanOrEqual(0);
      expect(it.answer).toBeLessThan(4);
      expect(it.context).toBe(it.context.trimEnd());
    }
    const counts = [0, 1, 2, 3].map((k) => CLOZE_SET.filter((x) => x.answer === k).length);
    expect(counts).toEqual([7, 7, 7, 7]);
  });

  it('some answers are several tokens of our BPE, so the normalisation can matter', () => {
    const t = bpe();
    const lens = CLOZE_SET.map((x) => t.encode(` ${x.options[x.answer]}`).length);
    expect(lens.filter((n) => n > 1).length).toBeGreaterThanOrEqual(3);
  });
});

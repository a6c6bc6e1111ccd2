import { describe, expect, it } from 'vitest';
import { drawSeeded, entropy, layoutPairs, pct, samplerOf, topRows, transform } from '@/components/widgets/next-token/layout';

const OFF = { temperature: 1, topK: 0, topP: 1, minP: 0, repetitionPenalty: 1 };
const logitsOf = (p: number[]) => p.map(Math.log);

describe('next-token layout', () => {
  it('entropy of [0.5, 0.25, 0.25] is 1.5 ln 2 ≈ 1.0397 nats, and of a one-hot 0', () => {
    expect(entropy([0.5, 0.25, 0.25])).toBeCloseTo(1.0397, 4);
    expect(entropy([0, 1, 0])).toBe(0);
  });

  it('top-p 0.8 on [.5, .3, .15, .05] keeps two tokens holding 0.8 of the mass, renormalized to [.625, .375]', () => {
    const t = transform(logitsOf([0.5, 0.3, 0.15, 0.05]), { ...OFF, topP: 0.8 });
    expect(t.kept).toBe(2);
    expect(t.keptMass).toBeCloseTo(0.8, 10);
    expect(t.after[0]).toBeCloseTo(0.625, 10);
    expect(t.after[1]).toBeCloseTo(0.375, 10);
    expect(t.entropyAfter).toBeCloseTo(-(0.625 * Math.log(0.625) + 0.375 * Math.log(0.375)), 10);
  });

  it('temperature 2 takes square roots of the probabilities before renormalizing', () => {
    // [.5, .25, .25]^(1/2) = [.7071, .5, .5] / 1.7071 → [.4142, .2929, .2929]
    const t = transform(logitsOf([0.5, 0.25, 0.25]), { ...OFF, temperature: 2 });
    expect(t.before[0]).toBeCloseTo(0.5, 10);
    expect(t.after[0]).toBeCloseTo(Math.SQRT2 - 1, 10);
    expect(t.after[1]).toBeCloseTo(0.2929, 4);
    expect(t.entropyAfter).toBeGreaterThan(t.entropyBefore);
    expect(t.kept).toBe(3);
  });

  it('min-p 0.3 on [.5, .3, .15, .05] keeps tokens with p ≥ 0.15; top-k 1 and temperature 0 keep only the argmax', () => {
    expect(transform(logitsOf([0.5, 0.3, 0.15, 0.05]), { ...OFF, minP: 0.3 }).kept).toBe(3);
    expect(transform(logitsOf([0.1, 0.6, 0.3]), { ...OFF, topK: 1 }).after[1]).toBe(1);
    const g = transform(logitsOf([0.1, 0.6, 0.3]), { ...OFF, temperature: 0 });
    expect([...g.after]).toEqual([0, 1, 0]);
    expect(g.entropyAfter).toBe(0);
  });

  it('a repetition penalty of 2 halves a positive logit of a token in the history', () => {
    // logits [2, 2]: history {0} → [1, 2] → p = [1, e] / (1 + e)
    const t = transform([2, 2], { ...OFF, repetitionPenalty: 2 }, [0]);
    expect(t.after[0]).toBeCloseTo(1 / (1 + Math.E), 10);
  });

  it('samplerOf leaves out the knobs that are off', () => {
    expect(samplerOf(OFF)).toEqual({ temperature: 1 });
    expect(samplerOf({ temperature: 0.7, topK: 5, topP: 0.9, minP: 0.1, repetitionPenalty: 1.2 })).toEqual({ temperature: 0.7, topK: 5, topP: 0.9, minP: 0.1, repetitionPenalty: 1.2 });
  });

  it('topRows ranks by the larger of before and after, ties by lower id', () => {
    expect(topRows([0.5, 0.2, 0.3], [0, 0.6, 0.4], 2).map((r) => r.id)).toEqual([1, 0]);
    expect(topRows([0.25, 0.25], [0.25, 0.25], 5).map((r) => r.id)).toEqual([0, 1]);
  });

  it('layoutPairs puts before above after on one scale (the worked example in its doc comment)', () => {
    const l = layoutPairs([{ id: 0, before: 0.5, after: 0.8 }, { id: 1, before: 0.25, after: 0 }], { width: 300, labelWidth: 80, valueWidth: 120, rowHeight: 30 });
    expect(l.plotWidth).toBe(100);
    expect(l.height).toBe(60);
    expect(l.bars.map((b) => [b.y, b.barHeight, b.wBefore, b.wAfter])).toEqual([[3, 12, 62.5, 100], [33, 12, 31.25, 0]]);
  });

  it('drawSeeded is reproducible, never draws a removed token, and a one-hot always gives its token', () => {
    const p = [0.2, 0, 0.5, 0.3];
    const draws = Array.from({ length: 200 }, (_, s) => drawSeeded(p, s, 7));
    expect(draws).toEqual(Array.from({ length: 200 }, (_, s) => drawSeeded(p, s, 7)));
    expect(draws).not.toContain(1);
    expect(new Set(draws)).toEqual(new Set([0, 2, 3]));
    expect(drawSeeded([0, 0, 1], 123, 4)).toBe(2);
  });

  it('pct shows removed tokens as 0% and tiny ones as <0.1%', () => {
    expect([pct(0), pct(0.0004), pct(0.4213)]).toEqual(['0%', '<0.1%', '42.1%']);
  });
});

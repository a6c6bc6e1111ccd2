/** pref-train's curves, bars and pair parsing on hand-made values. */
import { describe, expect, it } from 'vitest';
import { curves, domainOf, probeBars, type StepPoint } from '@/components/widgets/pref-train/layout';
import { parsePairs, pairsToText, PRESET_PAIRS, MAX_PAIRS } from '@/components/widgets/pref-train/pairs';
import { prefTrainSchema } from '@/components/widgets/pref-train/index';
import type { AlignEval } from '@/lib/align/train';

const ev = (loss: number, gaps: [number, number][], kl: number | null, probe: number[] | null = null): AlignEval => ({
  pairs: gaps.map(([c, r]) => ({ chosen: c, rejected: r, margin: 0.1 * (c - r), loss })), meanLoss: loss, accuracy: 1, kl, probe,
});

describe('pref-train layout', () => {
  const pts: StepPoint[] = [
    { report: { step: 0, loss: NaN, lr: 0, gradNorm: 0, eval: ev(0.693, [[-10, -12], [-5, -4]], 0, [0.2, 0.01]) }, ms: 100 },
    { report: { step: 1, loss: 0.69, lr: 1e-2, gradNorm: 1, eval: null }, ms: 600 },
    { report: { step: 2, loss: 0.5, lr: 1e-2, gradNorm: 1, eval: ev(0.4, [[-9, -14], [-5, -7]], 0.02, [0.1, 0.05]) }, ms: 1100 },
  ];
  it('collects batch losses from step 1, and the mean chosen − rejected gap and KL at each evaluation', () => {
    const c = curves(pts);
    expect(c.train).toEqual([[1, 0.69], [2, 0.5]]);
    expect(c.evalLoss).toEqual([[0, 0.693], [2, 0.4]]);
    expect(c.gap).toEqual([[0, (2 + -1) / 2], [2, (5 + 2) / 2]]);
    expect(c.kl).toEqual([[0, 0], [2, 0.02]]);
    expect(c.stepsPerSec).toBeCloseTo(2, 9); // 1 step in 500 ms
  });
  it('draws the probe bars with the rest of the vocabulary as a last row', () => {
    const c = curves(pts);
    const bars = probeBars({ type: 'loaded', pairTokens: [], heldOutTokens: 0, probe: [{ id: 5, label: 'I' }, { id: 9, label: 'With' }], chosenId: 9, rejectedId: 7, adapterParams: 0, modelParams: 0 }, c.first, c.last);
    expect(bars.map((b) => [b.label, b.role])).toEqual([['"I"', null], ['"With"', 'chosen'], ['every other token', null]]);
    expect(bars[2].before).toBeCloseTo(0.79, 9);
    expect(bars[2].now).toBeCloseTo(0.85, 9);
  });
  it('pads the y domain by 10% of the range (at least 0.05)', () => {
    expect(domainOf([[[0, 1], [1, 3]]], [0, 1])).toEqual([0.8, 3.2]);
    expect(domainOf([[]], [0, 1])).toEqual([0, 1]);
  });
});

describe('pref-train pairs', () => {
  it('round-trips the presets through the editable text', () => {
    expect(parsePairs(pairsToText(PRESET_PAIRS))).toEqual({ pairs: PRESET_PAIRS, bad: [], cut: false });
  });
  it('skips bad lines by number and keeps at most MAX_PAIRS', () => {
    const r = parsePairs('"Come," said he. " | Yes." | No."\nno separators\n\n a | b |  ');
    expect(r.pairs).toEqual([{ prompt: '"Come," said he. "', chosen: 'Yes."', rejected: 'No."' }]);
    expect(r.bad).toEqual([2, 4]);
    const many = parsePairs(Array.from({ length: MAX_PAIRS + 2 }, (_, i) => `p${i} | c | r`).join('\n'));
    expect(many.pairs).toHaveLength(MAX_PAIRS);
    expect(many.cut).toBe(true);
  });
  it('clamps a bad β and steps from the URL with a note', () => {
    const r = prefTrainSchema.parse(new URLSearchParams('beta=9&steps=0&mode=ppo'));
    expect(r.state.beta).toBe(2);
    expect(r.state.steps).toBe(1);
    expect(r.state.mode).toBe('dpo');
    expect(r.notes.length).toBe(3);
  });
});

/**
 * Frequency and presence penalties (OpenAI API docs: logit − count·α_freq − (count > 0)·α_presence)
 * and the facts the sampling lesson states about penalties and logits, all derived by hand.
 */
import { describe, expect, it } from 'vitest';
import { applyFrequencyPresencePenalty, applyRepetitionPenalty, minP, softmax, topP } from '@/lib/sample';

const near = (a: ArrayLike<number>, b: number[], eps = 1e-6) => {
  expect(a.length).toBe(b.length);
  Array.from(a).forEach((x, i) => expect(x).toBeCloseTo(b[i], -Math.log10(eps)));
};

describe('frequency and presence penalties', () => {
  it('subtract count·α_freq plus α_presence once: [2, 2, 2] with history [0, 0, 1], α = (0.5, 1) → [0, 0.5, 2]', () => {
    near(applyFrequencyPresencePenalty([2, 2, 2], [0, 0, 1], 0.5, 1), [0, 0.5, 2]);
  });

  it('a presence penalty alone is the same for a token seen once or five times', () => {
    near(applyFrequencyPresencePenalty([1, 1, 1], [0, 1, 1, 1, 1, 1], 0, 0.7), [0.3, 0.3, 1]);
  });

  it('negative α rewards repeats, and ids outside the vocabulary are ignored', () => {
    near(applyFrequencyPresencePenalty([0, 0], [1, 1, 7, -1], -0.25, 0), [0, 0.5]);
  });
});

describe('facts the sampling lesson states', () => {
  it('adding the same constant to every logit leaves softmax unchanged', () => {
    near(softmax(Float32Array.from([2, 1, 0])), Array.from(softmax(Float32Array.from([102, 101, 100]))));
  });

  it("CTRL's divide-everything rule would raise a negative logit; the multiply fix lowers it", () => {
    expect(-1 / 1.2).toBeGreaterThan(-1); // CTRL: −1 / θ = −0.83, the token gains
    near(applyRepetitionPenalty([2, -1], [0, 1], 1.2), [2 / 1.2, -1.2]);
  });

  it('a penalised token loses ground only relative to unpenalised ones: penalising every token changes nothing when all logits are equal', () => {
    const all = applyRepetitionPenalty([3, 3, 3], [0, 1, 2], 1.5);
    near(softmax(all), [1 / 3, 1 / 3, 1 / 3]);
  });

  it('top-p 0.75 on (0.5, 0.3, 0.15, 0.05) keeps two tokens, off the 0.8 boundary', () => {
    near(topP(Float64Array.from([0.5, 0.3, 0.15, 0.05]), 0.75), [0.625, 0.375, 0, 0]);
  });

  it('min-p 0.1 on softmax(2, 1, 0) keeps all three, at T = 0.5 (logits 4, 2, 0) only two', () => {
    expect(minP(softmax(Float32Array.from([2, 1, 0])), 0.1).filter((x) => x > 0).length).toBe(3);
    expect(minP(softmax(Float32Array.from([4, 2, 0])), 0.1).filter((x) => x > 0).length).toBe(2);
  });
});

/** lora-finetune's curve from step events, and the text choice, on hand-made values. */
import { describe, expect, it } from 'vitest';
import { curve, lossDomain } from '@/components/widgets/lora-finetune/layout';
import { chosenText, OWN_MIN, PRESETS } from '@/components/widgets/lora-finetune/texts';

const rep = (step: number, loss: number, valLoss: number | null) => ({ step, loss, valLoss, lr: 0, gradNorm: 0 });

describe('lora-finetune layout', () => {
  it('splits held-out and training points and measures the drop and the rate', () => {
    const c = curve([
      { report: rep(0, NaN, 5), ms: 1000 },
      { report: rep(1, 4.9, null), ms: 1500 },
      { report: rep(2, 4.8, 4.97), ms: 2000 },
      { report: rep(3, 4.7, null), ms: 2500 },
      { report: rep(4, 4.6, 4.9), ms: 3000 },
    ]);
    expect(c.val).toEqual([[0, 5], [2, 4.97], [4, 4.9]]);
    expect(c.train).toEqual([[1, 4.9], [2, 4.8], [3, 4.7], [4, 4.6]]);
    expect(c.drop).toBeCloseTo(0.1, 12);
    expect(c.stepsPerSec).toBeCloseTo(3 / 1.5, 12); // steps 1..4 over 1500 ms
    expect(c.dropMs).toBe(3000); // 4.97 is not 0.05 below 5; 4.9 is
  });
  it('has no drop or rate before enough points', () => {
    const c = curve([{ report: rep(0, NaN, 5), ms: 10 }]);
    expect(c.drop).toBeNull();
    expect(c.stepsPerSec).toBeNull();
    expect(lossDomain(curve([]))).toEqual([0, 10]);
    const [lo, hi] = lossDomain(c);
    expect(lo).toBeLessThan(5);
    expect(hi).toBeGreaterThan(5);
  });
  it('uses a preset or the own paragraph, which must be long enough', () => {
    expect(chosenText('sonnets', 'x').text).toBe(PRESETS.sonnets.text);
    expect(chosenText('own', 'too short').tooShort).toBe(true);
    const long = 'word '.repeat(OWN_MIN / 5 + 1);
    expect(chosenText('own', long)).toEqual({ text: long, prompt: 'word word word', tooShort: false });
  });
});

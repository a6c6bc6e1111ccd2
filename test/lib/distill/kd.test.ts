import { describe, expect, it } from 'vitest';
import { argmax, kdLoss, klAt, softmaxAt } from '@/lib/distill/kd';

describe('distillation at a temperature', () => {
  it('KL((¾, ¼) ‖ (½, ½)) = ¾ ln(3/2) + ¼ ln(1/2) ≈ 0.13081 nats at T = 1', () => {
    expect(klAt([Math.log(3), 0], [0, 0], 1)).toBeCloseTo(0.75 * Math.log(1.5) + 0.25 * Math.log(0.5), 12);
    expect(klAt([Math.log(3), 0], [0, 0], 1)).toBeCloseTo(0.13081, 5);
  });
  it('T = 2 divides the logits by 2: the teacher (¾, ¼) becomes (√3, 1)/(√3 + 1)', () => {
    const p = softmaxAt([Math.log(3), 0], 2);
    expect(p[0]).toBeCloseTo(Math.sqrt(3) / (Math.sqrt(3) + 1), 12);
    const q = p[0];
    expect(klAt([Math.log(3), 0], [0, 0], 2)).toBeCloseTo(q * Math.log(2 * q) + (1 - q) * Math.log(2 * (1 - q)), 12);
  });
  it('a higher temperature flattens: KL shrinks towards 0 as T grows; identical logits give 0', () => {
    const zt = [3, 1, 0, -2];
    const zs = [1, 2, 0, -1];
    const ks = [0.5, 1, 2, 4, 16].map((T) => klAt(zt, zs, T));
    for (let i = 1; i < ks.length; i++) expect(ks[i]).toBeLessThan(ks[i - 1]);
    expect(klAt(zt, zt, 2)).toBe(0);
  });
  it('the loss is α·T²·KL_T + (1 − α)·CE, as in training/distill.py', () => {
    const zt = [Math.log(3), 0];
    const zs = [0, 0];
    expect(kdLoss(zt, zs, 0, 2, 0.5)).toBeCloseTo(0.5 * 4 * klAt(zt, zs, 2) + 0.5 * Math.log(2), 12);
    expect(kdLoss(zt, zs, 1, 1, 0)).toBeCloseTo(Math.log(2), 12);
  });
  it('argmax takes the first of equal maxima; T ≤ 0 throws', () => {
    expect(argmax([1, 3, 3])).toBe(1);
    expect(() => klAt([0], [0], 0)).toThrow();
  });
});

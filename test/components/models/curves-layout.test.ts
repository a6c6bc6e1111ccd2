import { describe, expect, it } from 'vitest';
import { layoutCurves, lossDomain } from '@/components/models/curves-layout';
import { parseTrainingLog } from '@/components/models/training-log';

// The worked example of curves-layout.ts, derived by hand:
// steps ≥ 20 (10% of 200) have losses 4, 3, 3.9, 3.4 → y domain [3, 4].
// plot: x 40…290 (250 px), y 10…170 (160 px). x = 40 + 250·step/200; y = 10 + 160·(4 − loss).
const curves = parseTrainingLog({
  trainLoss: [[0, 6], [100, 4], [200, 3]],
  valLoss: [[0, 6.2], [100, 3.9], [200, 3.4]],
})!;
const v = layoutCurves(curves, { width: 300, height: 200, margin: { top: 10, right: 10, bottom: 30, left: 40 } });

describe('lossDomain', () => {
  it('spans the lowest loss to the highest loss after the first 10% of steps, outward to multiples of 0.25', () => {
    expect(v.yDomain).toEqual([3, 4]);
    expect(lossDomain([{ step: 0, loss: 9 }, { step: 50, loss: 3.6 }, { step: 100, loss: 3.1 }])).toEqual([3, 3.75]);
  });

  it('never returns an empty domain for a flat curve', () => {
    expect(lossDomain([{ step: 0, loss: 2 }, { step: 10, loss: 2 }])).toEqual([2, 2.25]);
  });
});

describe('layoutCurves', () => {
  it('places the train and validation paths on the hand-derived pixels (early points above the plot)', () => {
    expect(v.plot).toEqual({ x: 40, y: 10, width: 250, height: 160 });
    expect(v.train).toBe('M40,-310L165,10L290,170');
    expect(v.val).toBe('M40,-342L165,26L290,106');
  });

  it('marks the best validation point, and reports the losses clipped off the top', () => {
    expect(v.best).toMatchObject({ step: 200, loss: 3.4, x: 290 });
    expect(v.best!.y).toBeCloseTo(106, 9);
    expect(v.clipped).toEqual({ maxLoss: 6.2, untilStep: 0 });
  });

  it('puts ticks on the axes at their scaled positions', () => {
    const y34 = v.yTicks.find((t) => t.value === 3.4)!;
    expect(y34.label).toBe('3.40');
    expect(y34.pos).toBeCloseTo(106, 9);
    expect(v.xTicks.find((t) => t.value === 100)).toMatchObject({ pos: 165, label: '100' });
  });
});

import { describe, expect, it } from 'vitest';
import { maxAbsDiff, medianOf, modelFromSearch, ms } from '@/components/lab/lab-math';

describe('lab-math', () => {
  it('maxAbsDiff is the largest elementwise gap, Infinity on a length mismatch or NaN', () => {
    expect(maxAbsDiff([1, 2, 3], [1.5, 2, 2])).toBe(1);
    expect(maxAbsDiff([1], [1, 2])).toBe(Infinity);
    expect(maxAbsDiff([NaN], [0])).toBe(Infinity);
  });

  it('medianOf takes the middle value, or the mean of the middle pair', () => {
    expect(medianOf([5, 1, 3])).toBe(3);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
  });

  it('ms prints two significant digits below 10 ms and a dash for nothing', () => {
    expect([ms(0.4123), ms(41.6), ms(undefined), ms(Infinity)]).toEqual(['0.41 ms', '42 ms', '—', '—']);
  });

  it('modelFromSearch accepts a plain model id and falls back on anything odd', () => {
    expect(modelFromSearch('?model=random:lm-shape', 'x')).toBe('random:lm-shape');
    expect(modelFromSearch('?model=../../etc', 'x')).toBe('x');
    expect(modelFromSearch('', 'x')).toBe('x');
  });
});

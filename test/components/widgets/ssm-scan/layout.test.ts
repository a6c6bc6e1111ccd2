// SSM widget view data by hand.
import { describe, expect, it } from 'vitest';
import { gridMax, headNorms, rows } from '@/components/widgets/ssm-scan/layout';

describe('ssm-scan layout', () => {
  it('rows reshapes [T·H] into T rows', () => {
    expect(rows([1, 2, 3, 4, 5, 6], 3)).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('head norms: ‖(3, 4)‖ = 5 and ‖(0, 0)‖ = 0 for H = 2 heads of 2 numbers', () => {
    expect(headNorms([3, 4, 0, 0], 2)).toEqual([5, 0]);
  });

  it('grid max is the largest absolute value', () => {
    expect(gridMax([[1, -7], [3, 2]])).toBe(7);
    expect(gridMax([])).toBe(0);
  });
});

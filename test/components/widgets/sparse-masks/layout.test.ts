import { describe, expect, it } from 'vitest';
import { hiddenPath, runsPath, signed } from '@/components/widgets/sparse-masks/layout';

describe('sparse-masks layout', () => {
  it('merges visible cells of a row into one run per stretch', () => {
    expect(runsPath(['1.', '11'])).toBe('M0 0h1v1h-1zM0 1h2v1h-2z');
    expect(runsPath(['1...', '.1..', '1.11'])).toBe('M0 0h1v1h-1zM1 1h1v1h-1zM0 2h1v1h-1zM2 2h2v1h-2z');
  });

  it('draws as hidden only the causal cells the pattern drops', () => {
    expect(hiddenPath(['1..', '.1.', '1.1'])).toBe('M0 1h1v1h-1zM1 2h1v1h-1z');
  });

  it('signs loss changes with three decimals', () => {
    expect(signed(0.12345)).toBe('+0.123');
    expect(signed(-0.002)).toBe('−0.002');
    expect(signed(-0.0001)).toBe('0.000');
  });
});

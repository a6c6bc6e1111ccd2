// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import RopeSpectrum from '@/components/widgets/rope-spectrum/RopeSpectrum';
import { ropeSpectrumSchema } from '@/components/widgets/rope-spectrum/index';
import { powerLabel, spectrumView } from '@/components/widgets/rope-spectrum/layout';
import RopeDistance from '@/components/widgets/rope-distance/RopeDistance';
import { ropeDistanceSchema } from '@/components/widgets/rope-distance/index';
import { distanceView } from '@/components/widgets/rope-distance/layout';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();
const inside = (rule: 'none' | 'pi' | 'ntk' | 'yarn', s: number) => spectrumView(rule, s).rows.filter((r) => r.scaledWavelength <= 256).length;

describe('rope-spectrum layout (the lesson\'s challenge numbers)', () => {
  it('7 of lm\'s 16 pairs turn within 256 tokens as trained, 5 after PI with s = 4', () => {
    expect(inside('none', 1)).toBe(7);
    expect(inside('pi', 4)).toBe(5);
  });
  it('NTK-aware keeps pair 0 and YaRN reports its attention factor 0.1 ln s + 1', () => {
    const ntk = spectrumView('ntk', 4).rows;
    expect(ntk[0].scaled).toBe(1);
    expect(spectrumView('yarn', 4).attentionScale).toBeCloseTo(0.1 * Math.log(4) + 1, 12);
  });
  it('labels log ticks as powers of ten', () => {
    expect([0, 1, 2, 3, 4, 2.5].map(powerLabel)).toEqual(['1', '10', '100', '1k', '10k', '']);
  });
});

describe('<RopeSpectrum /> and <RopeDistance />', () => {
  it('the spectrum says how many pairs turn inside 256 and switches rule on click', () => {
    const setState = vi.fn();
    render(<RopeSpectrum state={{ ...ropeSpectrumSchema.defaults, rule: 'pi', factor: 4 }} setState={setState} hidden={none} locked={none} />);
    expect(document.querySelector('[data-inside]')?.getAttribute('data-inside')).toBe('5');
    fireEvent.click(screen.getByLabelText('NTK-aware'));
    expect(setState).toHaveBeenCalledWith({ rule: 'ntk' });
    expect(screen.getByText('Data table')).toBeTruthy();
  });
  it('q·k by distance is 1 at distance 0 and the rule curve is drawn next to the trained one', () => {
    const v = distanceView('pi', 4, 64);
    expect(v.base[0]).toBeCloseTo(1, 12);
    expect(v.scaled[4]).toBeCloseTo(v.base[1], 9); // PI: Δ = 4 at s = 4 looks like Δ = 1 as trained
    expect(ropeDistanceSchema.defaults.rule).toBe('none'); // the rules are explained after this widget
    render(<RopeDistance state={ropeDistanceSchema.defaults} setState={vi.fn()} hidden={none} locked={none} />);
    expect(document.querySelectorAll('.lc-line')).toHaveLength(1);
    cleanup();
    render(<RopeDistance state={{ ...ropeDistanceSchema.defaults, rule: 'pi' }} setState={vi.fn()} hidden={none} locked={none} />);
    expect(document.querySelectorAll('.lc-line')).toHaveLength(2);
  });
});

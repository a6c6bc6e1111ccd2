// @vitest-environment jsdom
/**
 * The scale-laws widget: the allocations follow the budget slider, and the 20-tokens row gives
 * (1B, 20B) at C = 1.2e20.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import ScaleLaws from '@/components/widgets/scale-laws/ScaleLaws';
import { scaleLawsSchema, type ScaleLawsState } from '@/components/widgets/scale-laws/index';
import { lawsView, sci } from '@/components/widgets/scale-laws/layout';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();

function Harness({ init }: { init: Partial<ScaleLawsState> }) {
  const [state, set] = useState<ScaleLawsState>({ ...scaleLawsSchema.defaults, ...init });
  return <ScaleLaws state={state} setState={(p) => set((s) => ({ ...s, ...p }))} hidden={none} locked={none} />;
}

describe('scale-laws', () => {
  it('lawsView at 1.2e20 FLOPs: 20 tokens per parameter is 1B params on 20B tokens', () => {
    const v = lawsView(Math.log10(1.2e20));
    expect(v.twenty.params).toBeCloseTo(1e9, -2);
    expect(v.twenty.tokens).toBeCloseTo(2e10, -3);
    expect(v.fitted.loss).toBeLessThanOrEqual(v.twenty.loss);
    expect(sci(5.76e23)).toBe('5.76 × 10²³');
  });
  it('renders both allocations and updates them when the budget moves', () => {
    const { container } = render(<Harness init={{ logC: 20 }} />);
    const n0 = screen.getByTestId('twenty-n').textContent;
    fireEvent.change(screen.getByLabelText(/Training compute/), { target: { value: '22' } });
    expect(screen.getByTestId('twenty-n').textContent).not.toBe(n0);
    expect(container.querySelectorAll('svg[role="img"]')).toHaveLength(2);
    expect(container.textContent).toContain('Chinchilla');
  });
});

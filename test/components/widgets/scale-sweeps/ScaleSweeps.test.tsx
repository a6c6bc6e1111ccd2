// @vitest-environment jsdom
/**
 * The scale-sweeps widget: 22 runs drawn, the default fit uses the 4 best context-256 runs with a
 * log–log slope of about −0.053, and a floor fit on those 4 points is flagged as not identifiable.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import ScaleSweeps from '@/components/widgets/scale-sweeps/ScaleSweeps';
import { scaleSweepsSchema, type ScaleSweepsState } from '@/components/widgets/scale-sweeps/index';
import { sweepsView } from '@/components/widgets/scale-sweeps/layout';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();

function Harness({ init }: { init: Partial<ScaleSweepsState> }) {
  const [state, set] = useState<ScaleSweepsState>({ ...scaleSweepsSchema.defaults, ...init });
  return <ScaleSweeps state={state} setState={(p) => set((s) => ({ ...s, ...p }))} hidden={none} locked={none} />;
}

describe('scale-sweeps', () => {
  it('default: 4 runs in the fit, α ≈ 0.053', () => {
    const v = sweepsView(scaleSweepsSchema.defaults);
    expect(v.used).toHaveLength(4);
    expect(v.fit.alpha).toBeCloseTo(0.053, 3);
    expect(v.warning).toBeNull();
  });
  it('a floor fit on the 4 best runs is flagged', () => {
    expect(sweepsView({ ...scaleSweepsSchema.defaults, fit: 'floor' }).warning).toMatch(/cannot pin down/);
  });
  it('renders 22 points and refits when the run selection changes', () => {
    const { container } = render(<Harness init={{}} />);
    expect(container.querySelectorAll('circle')).toHaveLength(22);
    expect(container.querySelectorAll('circle[data-used="1"]')).toHaveLength(4);
    const f0 = screen.getByTestId('fit').textContent;
    fireEvent.change(screen.getByLabelText('Fit on'), { target: { value: 'all' } });
    expect(container.querySelectorAll('circle[data-used="1"]')).toHaveLength(22);
    expect(screen.getByTestId('fit').textContent).not.toBe(f0);
  });
  it('says so when the fit mixes in the context-128 runs, and only then', () => {
    expect(sweepsView(scaleSweepsSchema.defaults).caveat).toBeNull();
    expect(sweepsView({ ...scaleSweepsSchema.defaults, runs: 'all256' }).caveat).toBeNull();
    expect(sweepsView({ ...scaleSweepsSchema.defaults, runs: 'all' }).caveat).toMatch(/128-token windows/);
  });
});

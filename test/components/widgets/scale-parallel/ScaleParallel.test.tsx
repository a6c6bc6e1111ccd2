// @vitest-environment jsdom
/**
 * The scale-parallel widget: Ψ = 7.5B on 64 data-parallel devices reproduces ZeRO's Figure 1 per
 * stage; splits and the bubble follow the controls; the GPipe schedule draws 2·p·m cells.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import ScaleParallel from '@/components/widgets/scale-parallel/ScaleParallel';
import { scaleParallelSchema, type ScaleParallelState } from '@/components/widgets/scale-parallel/index';
import { parallelView, scheduleLayout } from '@/components/widgets/scale-parallel/layout';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();
const d = scaleParallelSchema.defaults;

function Harness({ init }: { init: Partial<ScaleParallelState> }) {
  const [state, set] = useState<ScaleParallelState>({ ...d, ...init });
  return <ScaleParallel state={state} setState={(p) => set((s) => ({ ...s, ...p }))} hidden={none} locked={none} />;
}

describe('scale-parallel', () => {
  it('Ψ = 7.5B, 64 devices: model states per device 120 / 31.4 / 16.6 / 1.9 GB (ZeRO Figure 1)', () => {
    const v = parallelView({ ...d, paramsB: 7.5, devices: 64, tp: 1, pp: 1 });
    expect(v.stages.map((s) => (s.states.total / 1e9).toFixed(1))).toEqual(['120.0', '31.4', '16.6', '1.9']);
  });
  it('splits 64 devices into d·t·p and notes a split that does not divide', () => {
    expect(parallelView({ ...d, devices: 64, tp: 2, pp: 4 }).dp).toBe(8);
    const v = parallelView({ ...d, devices: 60, tp: 8, pp: 1 });
    expect(v.dp).toBe(7);
    expect(v.used).toBe(56);
    expect(v.notes.join(' ')).toMatch(/not a multiple of t · p = 8/);
  });
  it('scheduleLayout puts 2·p·m cells in 2(m+p−1) slots', () => {
    const s = scheduleLayout(4, 3, { width: 658, labelWidth: 58, rowHeight: 20 });
    expect(s.cells).toHaveLength(24);
    expect(s.length).toBe(12);
    expect(s.slotWidth).toBe(50);
  });
  it('renders, and more micro-batches shrink the bubble', () => {
    const { container } = render(<Harness init={{ devices: 8, pp: 4, micro: 1 }} />);
    expect(screen.getByTestId('bubble').textContent).toBe('75.0%');
    expect(screen.getByTestId('split').textContent).toBe('d 2 × t 1 × p 4 = 8 devices');
    expect(container.querySelectorAll('.sc-slot-f')).toHaveLength(4);
    fireEvent.change(screen.getByLabelText('Micro-batches m'), { target: { value: '8' } });
    expect(screen.getByTestId('bubble').textContent).toBe('27.3%');
    expect(container.querySelectorAll('.sc-slot-f')).toHaveLength(32);
  });
  it('changing the ZeRO stage changes the memory per device', () => {
    render(<Harness init={{ zero: '0' }} />);
    const before = screen.getByTestId('per-device').textContent;
    fireEvent.change(screen.getByLabelText('ZeRO stage'), { target: { value: '3' } });
    expect(screen.getByTestId('per-device').textContent).not.toBe(before);
  });
});

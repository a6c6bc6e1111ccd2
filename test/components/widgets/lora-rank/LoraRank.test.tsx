// @vitest-environment jsdom
/**
 * The lora-rank widget with the weight download replaced by a fixed spectrum: the counts follow
 * the rank slider and the target set, and the shown error is the spectrum's at r.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { relativeLowRankErrors } from '@/lib/peft/svd';

const s = Float64Array.from({ length: 128 }, (_, i) => 1 / (i + 1));
vi.mock('@/components/widgets/lora-rank/useMatrixSvd', () => ({
  useMatrixSvd: () => ({ phase: 'ready', loaded: 1, total: 1, s, errors: relativeLowRankErrors(s), shape: [128, 128] }),
}));

const { default: LoraRank } = await import('@/components/widgets/lora-rank/LoraRank');
const { loraRankSchema } = await import('@/components/widgets/lora-rank/index');
type State = typeof loraRankSchema.defaults;

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();

function Harness() {
  const [state, set] = useState<State>(loraRankSchema.defaults);
  return <LoraRank state={state} setState={(p) => set((x) => ({ ...x, ...p }))} hidden={none} locked={none} />;
}

describe('lora-rank', () => {
  it('updates the counts and the rank-r error when the rank moves', () => {
    render(<Harness />);
    expect(screen.getByTestId('lora-params').textContent).toBe('28,672');
    expect(screen.getByTestId('full-params').textContent).toBe('196,608');
    const e8 = relativeLowRankErrors(s)[8];
    expect(screen.getByTestId('rank-error').textContent).toBe(`${(100 * e8).toFixed(1)}%`);
    fireEvent.change(screen.getByLabelText(/Rank r/), { target: { value: '4' } });
    expect(screen.getByTestId('lora-params').textContent).toBe('14,336');
    expect(screen.getByTestId('rank-error').textContent).toBe(`${(100 * relativeLowRankErrors(s)[4]).toFixed(1)}%`);
    fireEvent.change(screen.getByLabelText('Adapt'), { target: { value: 'qkvo' } });
    expect(screen.getByTestId('lora-params').textContent).toBe((8 * 4 * (256 + 192 + 192 + 256)).toLocaleString('en'));
  });
  it('has a data table of the singular values', () => {
    render(<Harness />);
    expect(screen.getByText('Data table')).toBeTruthy();
    expect(screen.getAllByRole('row').length).toBeGreaterThan(128);
  });
});

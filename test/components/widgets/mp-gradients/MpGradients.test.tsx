// @vitest-environment jsdom
/**
 * mp-gradients against a fake worker: nothing runs until the button; the job asks for lm and the
 * URL's token count; the table shows lib's per-scale counts for the slider's k (moving the slider
 * changes them without a new job); the histogram moves k binades right.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScaleEvent, ScaleJob } from '@/lib/scale/jobs';
import { gradStats, HIST_LO } from '@/lib/scale/jobs';

type Msg = ScaleEvent & { run: number };
const fake = { posted: [] as { type: 'start'; job: ScaleJob }[], onmessage: null as ((ev: { data: Msg }) => void) | null };
vi.mock('@/components/widgets/scale-common/scale-client', () => ({
  makeScaleWorker: () => ({
    postMessage: (m: { type: 'start'; job: ScaleJob }) => fake.posted.push(m),
    set onmessage(f: ((ev: { data: Msg }) => void) | null) { fake.onmessage = f; },
    get onmessage() { return fake.onmessage; },
    terminate: () => {},
  }),
}));

const { default: MpGradients } = await import('@/components/widgets/mp-gradients/MpGradients');
const { mpGradientsSchema } = await import('@/components/widgets/mp-gradients/index');
const { mpView, pct } = await import('@/components/widgets/mp-gradients/layout');
type State = typeof mpGradientsSchema.defaults;
const none: ReadonlySet<string> = new Set();
function Harness({ init }: { init: Partial<State> }) {
  const [state, set] = useState<State>({ ...mpGradientsSchema.defaults, ...init });
  return <MpGradients state={state} setState={(p) => set((x) => ({ ...x, ...p }))} hidden={none} locked={none} />;
}

beforeEach(() => {
  fake.posted = [];
  fake.onmessage = null;
  vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new Error('offline'))));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

// 3 of 4 non-zero gradients: 2^-30 → 0, 2^-20 → subnormal, 0.5 → normal (at k = 0)
const stats = gradStats([Float32Array.of(2 ** -30, -(2 ** -20), 0.5, 0)], 3.2, 16);

describe('mp-gradients', () => {
  it('computes on request and reads the counts of the chosen scale', async () => {
    render(<Harness init={{ tokens: 16 }} />);
    expect(fake.posted).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: "Compute lm's gradients" }));
    await waitFor(() => expect(fake.posted).toHaveLength(1));
    expect(fake.posted[0].job).toMatchObject({ kind: 'grads', tokens: 16, weightsUrl: '/models/lm/model.safetensors' });
    act(() => fake.onmessage!({ data: { type: 'grads', stats, ms: 1500, run: 1 } }));
    act(() => fake.onmessage!({ data: { type: 'done', cancelled: false, ms: 1600, run: 1 } }));
    expect(screen.getByTestId('fp16-zero').textContent).toBe('33.3%');
    expect(screen.getByTestId('fp16-sub').textContent).toBe('33.3%');
    expect(screen.getByTestId('bf16-zero').textContent).toBe('0%');
    expect(screen.getByTestId('mp-best').textContent).toBe('16');
    // k = 8: 2^-22 is a subnormal now, 2^-12 normal
    fireEvent.change(screen.getByLabelText(/Loss scale/), { target: { value: '8' } });
    expect(screen.getByTestId('fp16-zero').textContent).toBe('0%');
    expect(screen.getByTestId('fp16-sub').textContent).toBe('33.3%');
    // k = 17: 0.5 · 2^17 = 65536 overflows
    fireEvent.change(screen.getByLabelText(/Loss scale/), { target: { value: '17' } });
    expect(screen.getByTestId('fp16-inf').textContent).toBe('33.3%');
  });

  it('mpView moves every bar k binades right; pct keeps two digits for tiny shares', () => {
    const v0 = mpView(stats, 0);
    const v5 = mpView(stats, 5);
    expect(v0.bars.map((b) => b[0])).toEqual([-30, -20, -1]);
    expect(v5.bars.map((b) => b[0])).toEqual([-25, -15, 4]);
    expect(stats.hist[-30 - HIST_LO]).toBe(1);
    expect(pct(0.5)).toBe('50.0%');
    expect(pct(0.0000947)).toBe('0.0095%');
    expect(pct(0)).toBe('0%');
  });
});

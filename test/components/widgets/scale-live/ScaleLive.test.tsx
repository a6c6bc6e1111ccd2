// @vitest-environment jsdom
/**
 * scale-live against a fake worker: nothing runs until Start; Start posts the job of the URL state
 * (budget 10^logC, seed); step events become progress, curves and final points; the fits appear
 * when every model has finished and match lib/scale/fit on the same finals; Cancel terminates.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScaleEvent, ScaleJob } from '@/lib/scale/jobs';
import { fitPowerLaw } from '@/lib/scale/fit';
import { livePlan } from '@/lib/scale/live';

type Msg = ScaleEvent & { run: number };
const fake = { posted: [] as { type: 'start'; job: ScaleJob }[], onmessage: null as ((ev: { data: Msg }) => void) | null, terminate: vi.fn() };
vi.mock('@/components/widgets/scale-common/scale-client', () => ({
  makeScaleWorker: () => ({
    postMessage: (m: { type: 'start'; job: ScaleJob }) => fake.posted.push(m),
    set onmessage(f: ((ev: { data: Msg }) => void) | null) { fake.onmessage = f; },
    get onmessage() { return fake.onmessage; },
    terminate: fake.terminate,
  }),
}));

const { default: ScaleLive } = await import('@/components/widgets/scale-live/ScaleLive');
const { scaleLiveSchema } = await import('@/components/widgets/scale-live/index');
const { liveView } = await import('@/components/widgets/scale-live/layout');
type State = typeof scaleLiveSchema.defaults;
const none: ReadonlySet<string> = new Set();
function Harness({ init }: { init: Partial<State> }) {
  const [state, set] = useState<State>({ ...scaleLiveSchema.defaults, ...init });
  return <ScaleLive state={state} setState={(p) => set((x) => ({ ...x, ...p }))} hidden={none} locked={none} />;
}
const emit = (e: Msg) => act(() => fake.onmessage!({ data: e }));

beforeEach(() => {
  fake.posted = [];
  fake.onmessage = null;
  fake.terminate.mockClear();
});
afterEach(cleanup);

const plan = livePlan(1e9).map(({ d, params, tokens, steps }) => ({ d, params, tokens, steps }));
const finals = [2.46, 2.51, 2.66, 2.73];

describe('scale-live', () => {
  it('runs only on Start, shows progress and curves, fits the finals, and cancels', async () => {
    const { container } = render(<Harness init={{ seed: 5 }} />);
    expect(fake.posted).toHaveLength(0);
    expect(screen.getByText('TypeScript (CPU)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Train the four models' }));
    await waitFor(() => expect(fake.posted).toHaveLength(1));
    expect(fake.posted[0].job).toEqual({ kind: 'live', excerptUrl: '/data/corpus-excerpt.json', budget: 1e9, seed: 5 });
    emit({ type: 'plan', budget: 1e9, plan, trainChars: 45000, valChars: 16000, run: 1 });
    const total = plan.reduce((s, p) => s + p.steps, 0);
    plan.forEach((p, m) => {
      emit({ type: 'step', e: { model: m, step: 0, steps: p.steps, tokens: 0, flops: 0, valLoss: 3.7 }, ms: 1, run: 1 });
      emit({ type: 'step', e: { model: m, step: p.steps, steps: p.steps, tokens: p.steps * 64, flops: 6 * p.params * p.steps * 64, valLoss: finals[m] }, ms: 2, run: 1 });
    });
    expect(screen.getByTestId('sl-progress').textContent).toBe(`${total} of ${total} steps`);
    const alpha = fitPowerLaw(plan.map((p) => p.params), finals).alpha;
    expect(Number(container.querySelector('[data-alpha]')!.getAttribute('data-alpha'))).toBeCloseTo(alpha, 12);
    expect(alpha).toBeLessThan(0); // the loss rises with N here
    expect(screen.getByTestId('sl-fit').textContent).toContain(`α = −${(-alpha).toFixed(4)}`); // a real minus sign
    expect(screen.getByTestId('sl-fit').textContent).toContain(`N${(-alpha).toFixed(4)}`); // the exponent −α, positive here, without a double sign
    expect(screen.getByText('Each model at C = 1.00 × 10⁹ FLOPs')).toBeTruthy();
    emit({ type: 'done', cancelled: false, ms: 20000, run: 1 });
    expect(screen.getByText('Done in 20.0 s')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Train again' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.terminate).toHaveBeenCalled();
    expect(container.querySelector('[data-phase]')!.getAttribute('data-phase')).toBe('cancelled');
  });

  it('liveView: curves skip step 0, finals only once a model is done, no fit before three finals', () => {
    const ev: ScaleEvent[] = [{ type: 'plan', budget: 1e9, plan, trainChars: 1, valChars: 1 }];
    ev.push({ type: 'step', e: { model: 0, step: 0, steps: 10, tokens: 0, flops: 0, valLoss: 3.6 }, ms: 1 });
    ev.push({ type: 'step', e: { model: 0, step: 5, steps: 10, tokens: 320, flops: 1, valLoss: 3.0 }, ms: 1 });
    const v = liveView(ev);
    expect(v.models[0]).toMatchObject({ startLoss: 3.6, final: null, stepsDone: 5, curve: [[1, 3.0]] });
    expect(v.floor).toBeNull();
    expect(v.power).toBeNull();
  });
});

// @vitest-environment jsdom
/**
 * scale-live against a fake worker: nothing runs until Start; Start posts the job of the URL state
 * (budget 10^logC, seed); step events become progress, curves and final points; the parabola in
 * ln N appears when every model has finished and matches lib on the same finals; power-law fits only
 * when the losses fall all the way; Cancel terminates.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScaleEvent, ScaleJob } from '@/lib/scale/jobs';
import { fitPowerLaw } from '@/lib/scale/fit';
import { fitIsoFlop, livePlan } from '@/lib/scale/live';
import { formatCount } from '@/lib/scale';

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
const finals = [2.477, 2.442, 2.461, 2.513]; // a valley, as the default run ends

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
    const iso = fitIsoFlop(plan.map((p) => p.params), finals);
    expect(Number(container.querySelector('[data-nopt]')!.getAttribute('data-nopt'))).toBeCloseTo(iso.nOpt!, 8);
    expect(screen.getByTestId('sl-iso').textContent).toContain(`lowest at N ≈ ${formatCount(iso.nOpt!)}`);
    expect(screen.getByTestId('sl-iso').textContent).toContain(`${(1e9 / (6 * iso.nOpt! ** 2)).toFixed(1)} per parameter`);
    expect(container.querySelector('[data-alpha]')!.getAttribute('data-alpha')).toBe(''); // no power law through a valley
    expect(screen.getByTestId('sl-fit').textContent).toBe('');
    expect(screen.getByText('Each model at C = 1.00 × 10⁹ FLOPs')).toBeTruthy();
    emit({ type: 'done', cancelled: false, ms: 20000, run: 1 });
    expect(screen.getByText('Done in 20.0 s')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Train again' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.terminate).toHaveBeenCalled();
    expect(container.querySelector('[data-phase]')!.getAttribute('data-phase')).toBe('cancelled');
  });

  it('liveView: a power law only when every larger model ends lower, printed with a real minus sign', () => {
    const falling = [2.73, 2.66, 2.51, 2.46];
    const ev: ScaleEvent[] = [{ type: 'plan', budget: 1e9, plan, trainChars: 1, valChars: 1 }];
    plan.forEach((p, m) => ev.push({ type: 'step', e: { model: m, step: p.steps, steps: p.steps, tokens: 1, flops: 1, valLoss: falling[m] }, ms: 1 }));
    const v = liveView(ev);
    expect(v.power!.alpha).toBeCloseTo(fitPowerLaw(plan.map((p) => p.params), falling).alpha, 12);
    expect(v.power!.alpha).toBeGreaterThan(0);
    const risingEnd = ev.map((e, i) => (i === 4 && e.type === 'step' ? { ...e, e: { ...e.e, valLoss: 2.7 } } : e));
    expect(liveView(risingEnd).power).toBeNull();
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

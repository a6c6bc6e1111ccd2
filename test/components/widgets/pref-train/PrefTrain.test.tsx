// @vitest-environment jsdom
/**
 * The pref-train widget against a fake worker: nothing is posted until Start; Start posts the job
 * the URL state describes; step events become progress, loss, margin, KL and next-token bars;
 * Cancel posts a cancel; own pairs are parsed as they are typed.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlignEvent, AlignRequest, AlignEval } from '@/lib/align';

type Msg = AlignEvent & { run: number };
const fake = { posted: [] as AlignRequest[], onmessage: null as ((ev: { data: Msg }) => void) | null, terminate: vi.fn() };
vi.mock('@/components/widgets/pref-train/client', () => ({
  makeWorker: () => ({
    postMessage: (m: AlignRequest) => fake.posted.push(m),
    set onmessage(f: ((ev: { data: Msg }) => void) | null) { fake.onmessage = f; },
    get onmessage() { return fake.onmessage; },
    terminate: fake.terminate,
  }),
}));

const { default: PrefTrain } = await import('@/components/widgets/pref-train/PrefTrain');
const { prefTrainSchema } = await import('@/components/widgets/pref-train/index');
type State = typeof prefTrainSchema.defaults;

const none: ReadonlySet<string> = new Set();
function Harness({ init }: { init: Partial<State> }) {
  const [state, set] = useState<State>({ ...prefTrainSchema.defaults, ...init });
  return <PrefTrain state={state} setState={(p) => set((x) => ({ ...x, ...p }))} hidden={none} locked={none} />;
}
const emit = (e: Msg) => act(() => fake.onmessage!({ data: e }));
const ev = (loss: number, margin: number, kl: number, probe: number[]): AlignEval => ({
  pairs: [{ chosen: -10, rejected: -12, margin, loss }, { chosen: -8, rejected: -9, margin, loss }], meanLoss: loss, accuracy: margin > 0 ? 1 : 0, kl, probe,
});

beforeEach(() => {
  fake.posted = [];
  fake.onmessage = null;
  vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new Error('offline'))));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('pref-train', () => {
  it('posts nothing before Start, then the job of the URL state; shows loss, margin, KL and bars; cancels', async () => {
    const { container } = render(<Harness init={{ steps: 5, beta: 0.5, seed: 9 }} />);
    expect(screen.getByText('TypeScript (CPU)')).toBeTruthy();
    expect(fake.posted).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Start training' }));
    await waitFor(() => expect(fake.posted.length).toBe(1));
    const msg = fake.posted[0];
    if (msg.type !== 'start') throw new Error('expected a start');
    expect(msg.job).toMatchObject({ mode: 'dpo', steps: 5, beta: 0.5, seed: 9, lora: { r: 4, alpha: 8, targets: ['wq', 'wv'] }, weightsUrl: '/models/lm/model.safetensors' });
    expect(msg.job.pairs).toHaveLength(6);
    emit({ type: 'loaded', pairTokens: [19, 20], heldOutTokens: 70, probe: [{ id: 73, label: 'I' }, { id: 2592, label: 'With' }], chosenId: 2592, rejectedId: 1206, adapterParams: 14336, modelParams: 2099328, run: 1 });
    emit({ type: 'step', report: { step: 0, loss: NaN, lr: 0, gradNorm: 0, eval: ev(Math.LN2, 0, 0, [0.19, 0.002]) }, ms: 100, run: 1 });
    emit({ type: 'step', report: { step: 1, loss: 0.69, lr: 1e-2, gradNorm: 1, eval: null }, ms: 600, run: 1 });
    emit({ type: 'step', report: { step: 2, loss: 0.5, lr: 1e-2, gradNorm: 1, eval: ev(0.4, 0.5, 0.0123, [0.1, 0.02]) }, ms: 1100, run: 1 });
    expect(screen.getByTestId('pt-progress').textContent).toBe('2 of 5');
    expect(screen.getByTestId('pt-loss').textContent).toBe('0.693 → 0.400');
    expect(screen.getByTestId('pt-acc').textContent).toBe('2 of 2');
    expect(screen.getByTestId('pt-margin').textContent).toBe('0.500');
    expect(screen.getByTestId('pt-kl').textContent).toBe('0.0123');
    expect(screen.getByTestId('pt-rate').textContent).toBe('2.00');
    expect(container.querySelectorAll('.pt-bar-row').length).toBe(3); // I, With, every other token
    expect(screen.getByText('"With" ✓')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.posted[1]).toEqual({ type: 'cancel' });
    expect(container.querySelector('[data-phase]')!.getAttribute('data-phase')).toBe('cancelled');
  });
  it('reports how many own pairs were read and which lines were skipped', () => {
    render(<Harness init={{ pairs: 'own', own: 'a | b | c\nbroken line' }} />);
    expect(screen.getByText(/1 pair read; line 2 skipped/)).toBeTruthy();
  });
});

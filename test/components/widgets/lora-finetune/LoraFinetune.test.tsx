// @vitest-environment jsdom
/**
 * The lora-finetune widget against a fake worker: Start posts the job the URL state describes,
 * step events become loss points and progress, Cancel posts a cancel and the late 'after' sample
 * of the cancelled run still shows; the badge says TypeScript on the CPU.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FinetuneRequest, JobEvent } from '@/lib/peft';

type Msg = JobEvent & { run: number };
const fake = { posted: [] as FinetuneRequest[], onmessage: null as ((ev: { data: Msg }) => void) | null, terminate: vi.fn() };
vi.mock('@/components/widgets/lora-finetune/client', () => ({
  makeWorker: () => ({
    postMessage: (m: FinetuneRequest) => fake.posted.push(m),
    set onmessage(f: ((ev: { data: Msg }) => void) | null) { fake.onmessage = f; },
    get onmessage() { return fake.onmessage; },
    terminate: fake.terminate,
  }),
}));

const { default: LoraFinetune } = await import('@/components/widgets/lora-finetune/LoraFinetune');
const { loraFinetuneSchema } = await import('@/components/widgets/lora-finetune/index');
type State = typeof loraFinetuneSchema.defaults;

const none: ReadonlySet<string> = new Set();
function Harness({ init }: { init: Partial<State> }) {
  const [state, set] = useState<State>({ ...loraFinetuneSchema.defaults, ...init });
  return <LoraFinetune state={state} setState={(p) => set((x) => ({ ...x, ...p }))} hidden={none} locked={none} />;
}
const emit = (e: Msg) => act(() => fake.onmessage!({ data: e }));
const rep = (step: number, loss: number, valLoss: number | null) => ({ step, loss, valLoss, lr: 1e-3, gradNorm: 1 });

beforeEach(() => {
  fake.posted = [];
  fake.onmessage = null;
  vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new Error('offline'))));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('lora-finetune', () => {
  it('starts the job of the URL state, draws the loss points, and cancels', async () => {
    const { container } = render(<Harness init={{ steps: 3, r: 4, seed: 9 }} />);
    expect(screen.getByText('TypeScript (CPU)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Start fine-tuning' }));
    await waitFor(() => expect(fake.posted.length).toBe(1));
    const msg = fake.posted[0];
    if (msg.type !== 'start') throw new Error('expected a start');
    expect(msg.job).toMatchObject({ steps: 3, seed: 9, lora: { r: 4, alpha: 8, targets: ['wq', 'wv'] }, prompt: 'Shall I compare thee', weightsUrl: '/models/lm/model.safetensors' });
    emit({ type: 'loaded', textTokens: 400, modelBytes: 4205712, adapterParams: 14336, modelParams: 2099328, run: 1 });
    emit({ type: 'sample', which: 'before', text: ' and the', run: 1 });
    emit({ type: 'step', report: rep(0, NaN, 5.1), ms: 100, run: 1 });
    emit({ type: 'step', report: rep(1, 5.0, null), ms: 600, run: 1 });
    expect(screen.getByTestId('lf-progress').textContent).toBe('1 of 3');
    expect(container.querySelectorAll('.lf-val').length).toBe(1);
    emit({ type: 'step', report: rep(2, 4.8, 4.95), ms: 1100, run: 1 });
    expect(container.querySelectorAll('.lf-val').length).toBe(2);
    expect(screen.getByTestId('lf-drop').textContent).toBe('0.150 nats');
    expect(screen.getByTestId('lf-rate').textContent).toBe('2.00');
    expect(screen.getByTestId('lf-before').textContent).toBe('Shall I compare thee and the');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.posted[1]).toEqual({ type: 'cancel' });
    expect(container.querySelector('[data-phase]')!.getAttribute('data-phase')).toBe('cancelled');
    emit({ type: 'sample', which: 'after', text: ' summer', run: 1 });
    emit({ type: 'done', adapterBytes: 57432, modelBytes: 4205712, cancelled: true, ms: 1200, run: 1 });
    expect(screen.getByTestId('lf-after').textContent).toBe('Shall I compare thee summer');
    expect(screen.getByTestId('lf-sizes').textContent).toMatch(/56\.1 KB .* 4\.0 MB/);
    // a new run: events of run 1 are ignored from now on
    fireEvent.click(screen.getByRole('button', { name: 'Fine-tune again' }));
    await waitFor(() => expect(fake.posted.length).toBe(3));
    emit({ type: 'step', report: rep(0, NaN, 9), ms: 1, run: 1 });
    expect(container.querySelectorAll('.lf-val').length).toBe(0);
  });
  it('asks for a longer own paragraph before it can start', () => {
    render(<Harness init={{ text: 'own', own: 'Too short.' }} />);
    expect(screen.getByText(/write at least 200 to train/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Start fine-tuning' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

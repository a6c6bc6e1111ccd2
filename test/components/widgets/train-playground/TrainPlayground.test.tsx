// @vitest-environment jsdom
/**
 * The train-playground widget against a fake worker: it resets a run of the URL state's spec on
 * mount and on every change, Step and Play post runs, Pause posts a pause, events of a run before
 * the latest reset are dropped, and the badge names the engine.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlayEvent, PlayRequest } from '@/lib/train/play-worker';
import type { EvalReport } from '@/lib/train/playground';

type Msg = PlayEvent & { run: number };
const fake = { posted: [] as PlayRequest[], onmessage: null as ((ev: { data: Msg }) => void) | null, terminate: vi.fn() };
vi.mock('@/components/widgets/train-playground/client', () => ({
  makeWorker: () => ({
    postMessage: (m: PlayRequest) => fake.posted.push(m),
    set onmessage(f: ((ev: { data: Msg }) => void) | null) { fake.onmessage = f; },
    get onmessage() { return fake.onmessage; },
    terminate: fake.terminate,
  }),
}));

const { default: TrainPlayground } = await import('@/components/widgets/train-playground/TrainPlayground');
const { trainPlaygroundSchema } = await import('@/components/widgets/train-playground/index');
type State = typeof trainPlaygroundSchema.defaults;

const none: ReadonlySet<string> = new Set();
function Harness({ init }: { init: Partial<State> }) {
  const [state, set] = useState<State>({ ...trainPlaygroundSchema.defaults, ...init });
  return <TrainPlayground state={state} setState={(p) => set((x) => ({ ...x, ...p }))} hidden={none} locked={none} />;
}
const emit = (e: Msg) => act(() => fake.onmessage!({ data: e }));
const T = 9; // copy of length 4: 4 + 1 + 4 − 1 input tokens
const attn = (layers: number, heads: number) => Array.from({ length: layers }, () => Array.from({ length: heads }, () => new Float32Array(T * T).fill(1 / T)));
const ev = (step: number, loss: number, exact: number): EvalReport => ({ step, loss, token: exact, exact, train: { loss, token: exact, exact }, attention: attn(2, 2), tokens: [1, 2, 3, 4, 6, 1, 2, 3, 4].slice(0, T) });

beforeEach(() => {
  fake.posted = [];
  fake.onmessage = null;
});
afterEach(cleanup);

describe('train-playground', () => {
  it('resets the URL state spec, steps, plays, pauses, and drops events of an older run', async () => {
    render(<Harness init={{ seed: 5, steps: 100 }} />);
    expect(screen.getByText('TypeScript (CPU)')).toBeTruthy();
    await waitFor(() => expect(fake.posted.length).toBeGreaterThan(0));
    const reset = fake.posted[fake.posted.length - 1];
    if (reset.type !== 'reset') throw new Error('expected a reset');
    expect(reset.spec).toMatchObject({ seed: 5, steps: 100, nLayer: 2, nHead: 2, dModel: 32, task: { kind: 'copy', symbols: 6, length: 4 } });
    expect(reset.engine).toBe('ts');
    const run = fake.posted.length;
    emit({ type: 'ready', params: 20864, heldOut: 32, backend: 'ts-cpu', reason: 'TypeScript: the kernels of the lab', run });
    expect(screen.getByTestId('tp-engine').textContent).toBe('The kernels of the lab');
    emit({ type: 'steps', reports: [], evals: [ev(0, 2.1, 0)], run });
    expect(screen.getByText(/20,864 parameters/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Step' }));
    expect(fake.posted[fake.posted.length - 1]).toEqual({ type: 'run', steps: 1, evalEvery: 10 });
    emit({ type: 'steps', reports: [{ step: 1, loss: 2.05, lr: 0.0005, gradNorm: 1 }], evals: [ev(1, 2.0, 0)], run: fake.posted.length });
    emit({ type: 'stopped', step: 1, cancelled: false, finished: false, ms: 20, steps: 1, run: fake.posted.length });
    expect(screen.getByTestId('tp-progress').textContent).toBe('step 1 of 100');
    expect(screen.getByTestId('tp-held').textContent).toBe('2.000');
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    expect(fake.posted[fake.posted.length - 1]).toMatchObject({ type: 'run', evalEvery: 10 });
    expect((screen.getByRole('button', { name: 'Pause' }) as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(fake.posted[fake.posted.length - 1]).toEqual({ type: 'pause' });
    const playRun = fake.posted.length - 1;
    emit({ type: 'stopped', step: 1, cancelled: true, finished: false, ms: 5, steps: 0, run: playRun });
    expect(document.querySelector('.tp')!.getAttribute('data-phase')).toBe('paused');
    // A new seed resets; late events of the old run are dropped.
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '6' } });
    await waitFor(() => expect(fake.posted[fake.posted.length - 1]).toMatchObject({ type: 'reset', spec: { seed: 6 } }));
    emit({ type: 'steps', reports: [{ step: 2, loss: 1.9, lr: 0.001, gradNorm: 1 }], evals: [], run: playRun });
    expect(screen.getByTestId('tp-progress').textContent).toBe('step 0 of 100');
  });

  it('the Engine menu resets on the graph engine; the badge shows what ran and a fallback is said aloud', async () => {
    render(<Harness init={{}} />);
    fireEvent.change(screen.getByLabelText('Engine'), { target: { value: 'webgpu' } });
    await waitFor(() => expect(fake.posted[fake.posted.length - 1]).toMatchObject({ type: 'reset', engine: 'webgpu' }));
    emit({ type: 'ready', params: 20864, heldOut: 32, backend: 'wasm', reason: 'WASM: WebGPU failed (no adapter)', run: fake.posted.length });
    expect(document.querySelector('.tp [data-backend]')!.getAttribute('data-backend')).toBe('wasm');
    expect(screen.getByRole('note').textContent).toMatch(/You picked ONNX graph, WebGPU; this run uses ONNX Runtime WASM instead: WASM: WebGPU failed/);
  });

  it('the text task: a passage with its source, a reset of a text spec, next-character accuracy and the sample', async () => {
    render(<Harness init={{ task: 'text', passage: 'kjv' }} />);
    expect(screen.getByTestId('tp-source').textContent).toMatch(/Genesis 1:1–6, King James Version \(1611\), public domain; 567 characters/);
    await waitFor(() => expect(fake.posted.length).toBeGreaterThan(0));
    const reset = fake.posted[fake.posted.length - 1];
    if (reset.type !== 'reset' || reset.spec.task.kind !== 'text') throw new Error('expected a text reset');
    expect(reset.spec.task.text.startsWith('In the beginning God')).toBe(true);
    expect(reset.spec.task.window).toBe(16);
    const run = fake.posted.length;
    emit({ type: 'ready', params: 21760, heldOut: 7, backend: 'ts-cpu', reason: 'TypeScript', run });
    emit({ type: 'steps', reports: [], evals: [{ ...ev(0, 3.5, 0.25), tokens: [1, 2, 3], sample: { prompt: 'In the b', continuation: 'eeee' } }], run });
    expect(screen.getByTestId('tp-sample').textContent).toBe('In the beeee');
    expect(screen.getByTestId('tp-acc').textContent).toBe('25%');
    expect(Number(screen.getByTestId('tp-unigram').textContent)).toBeCloseTo(2.91, 2);
    fireEvent.change(screen.getByLabelText('Passage'), { target: { value: 'own' } });
    expect(screen.getByRole('note').textContent).toMatch(/The text has 0 characters; the text task needs at least 120\. Training on the Austen passage/);
  });

  it('clamps the attention layer and head to the model with a note', async () => {
    render(<Harness init={{ layers: 1, heads: '1', alayer: 3, ahead: 2 }} />);
    expect(screen.getByText(/showing layer 1, head 1/)).toBeTruthy();
  });
});

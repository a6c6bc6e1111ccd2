// @vitest-environment jsdom
/**
 * The next-token panel against a fake model client (no worker, no ORT) and a byte tokenizer:
 * Load runs the 'logits' graph once, bars show before/after, sliders reshape the after-bars
 * without another model run, and Sample appends the seeded draw to the prompt.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NextTokenPanel } from '@/components/widgets/next-token/NextToken';
import { nextTokenSchema, type NextTokenState } from '@/components/widgets/next-token/index';
import { drawSeeded, transform } from '@/components/widgets/next-token/layout';
import type { Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { ModelClient } from '@/lib/runtime/client';
import { ByteTokenizer } from '@/lib/tokenizer/byte';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();
const tok = new ByteTokenizer();
const V = 256;

/** logits [1, T, V]: the last row prefers 'a'..'l' (97..108) with 'a' highest; earlier rows are flat. */
function fakeLogits(T: number) {
  const data = new Float32Array(T * V);
  for (let k = 0; k < 12; k++) data[(T - 1) * V + 97 + k] = 4 - k * 0.3;
  return { dtype: 'float32' as const, dims: [1, T, V], data };
}

function fakeClient(): ModelClient {
  return {
    load: vi.fn(async (modelId: string) => ({ modelId, info: { config: { contextLength: 64 } }, backends: ['wasm' as const] })),
    setBackend: vi.fn(async () => {}),
    choose: vi.fn(async () => ({ backend: 'wasm' as const, workload: 'prefill' as const, reason: 'WebGPU unavailable: navigator.gpu missing' })),
    generate: vi.fn(),
    run: vi.fn(async (_m: string, variant: string, feeds) => {
      expect(variant).toBe('logits');
      return { backend: 'wasm' as const, ms: 2, outputs: { [names.logits()]: fakeLogits(feeds[names.ids()].dims[1]) } };
    }),
    dispose: vi.fn(async () => {}),
  } as unknown as ModelClient;
}

function setup(state: Partial<NextTokenState>, client: ModelClient) {
  const deps: Deps = { client: async () => client, tokenizer: async () => tok };
  const setState = vi.fn();
  const full = { ...nextTokenSchema.defaults, ...state };
  const r = render(<NextTokenPanel state={full} setState={setState} hidden={none} locked={none} deps={deps} />);
  const rerender = (s: Partial<NextTokenState>) => r.rerender(<NextTokenPanel state={{ ...full, ...s }} setState={setState} hidden={none} locked={none} deps={deps} />);
  return { setState, rerender };
}

const afters = () => [...document.querySelectorAll('.nt-row')].map((g) => Number(g.getAttribute('data-after')));

describe('<NextTokenPanel /> with a fake model client', () => {
  it('loads lm, runs the logits graph on the prompt ids, and shows 12 before/after bar pairs and the stats', async () => {
    const client = fakeClient();
    setup({ prompt: 'Emma' }, client);
    fireEvent.click(screen.getByRole('button', { name: 'Load the model' }));
    await screen.findByRole('img', { name: /Top 12 next tokens/ });
    expect(client.load).toHaveBeenCalledWith('lm', expect.anything());
    expect(client.run).toHaveBeenCalledTimes(1);
    expect(vi.mocked(client.run).mock.calls[0][2][names.ids()].data).toEqual(BigInt64Array.from(tok.encode('Emma'), BigInt));
    const rows = document.querySelectorAll('.nt-row');
    expect(rows).toHaveLength(12);
    expect(rows[0]).toHaveTextContent('a');
    // temperature 1 and no filters: after = before, every token kept
    const ref = transform(fakeLogits(4).data.subarray(3 * V), { temperature: 1, topK: 0, topP: 1, minP: 0, repetitionPenalty: 1 });
    expect(Number(rows[0].getAttribute('data-before'))).toBeCloseTo(ref.before[97], 6);
    expect(afters()[0]).toBeCloseTo(ref.before[97], 6);
    expect(document.querySelector('[data-kept]')).toHaveTextContent('256 of 256');
    expect(document.querySelector('.nt-actions .badge')?.getAttribute('data-backend')).toBe('wasm');
  });

  it('top-k 3 cuts the rest and a lower temperature sharpens the after-bars, with no second model run', async () => {
    const client = fakeClient();
    const { rerender } = setup({ prompt: 'Emma' }, client);
    fireEvent.click(screen.getByRole('button', { name: 'Load the model' }));
    await screen.findByRole('img', { name: /Top 12/ });
    const top0 = afters()[0];
    rerender({ prompt: 'Emma', topK: 3 });
    expect(afters().filter((p) => p > 0)).toHaveLength(3);
    expect(document.querySelector('[data-kept]')).toHaveTextContent('3 of 256');
    rerender({ prompt: 'Emma', temperature: 0.5 });
    expect(afters()[0]).toBeGreaterThan(top0);
    await new Promise((r) => setTimeout(r, 300)); // past the prompt debounce
    expect(client.run).toHaveBeenCalledTimes(1);
  });

  it('Sample appends the token drawn with seed + prompt length to the prompt', async () => {
    const { setState } = setup({ prompt: 'Emma', seed: 5, temperature: 1.5 }, fakeClient());
    fireEvent.click(screen.getByRole('button', { name: 'Load the model' }));
    await screen.findByRole('img', { name: /Top 12/ });
    fireEvent.click(screen.getByRole('button', { name: 'Sample a token' }));
    const t = transform(fakeLogits(4).data.subarray(3 * V), { temperature: 1.5, topK: 0, topP: 1, minP: 0, repetitionPenalty: 1 });
    const id = drawSeeded(t.after, 5, 4);
    expect(setState).toHaveBeenCalledWith({ prompt: `Emma${tok.decode([id])}` });
  });

  it('a failed load shows the error and offers Load again', async () => {
    const client = fakeClient();
    vi.mocked(client.load).mockRejectedValueOnce(new Error('model.safetensors: sha256 mismatch'));
    setup({ prompt: 'Emma' }, client);
    fireEvent.click(screen.getByRole('button', { name: 'Load the model' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('sha256 mismatch');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Load the model' })).toBeEnabled());
  });
});

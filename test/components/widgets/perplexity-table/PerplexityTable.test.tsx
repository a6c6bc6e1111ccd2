// @vitest-environment jsdom
/**
 * The perplexity panel against a fake model client (no worker, no ORT): Run loads the six models,
 * runs each on every window, and the table shows the loss of the returned logits, computed by hand;
 * Cancel stops between forwards.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MODELS, PerplexityPanel } from '@/components/widgets/perplexity-table/PerplexityTable';
import { perplexityTableSchema } from '@/components/widgets/perplexity-table/index';
import type { Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { ModelClient } from '@/lib/runtime/client';
import { ByteTokenizer } from '@/lib/tokenizer/byte';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();
const V = 4096;
/** The logit the fake gives the true next token, per model; every other logit is 0. */
const A: Record<string, number> = { lm: 5, 'lm-moe': 4, 'lm-ssm': 3, 'lm-alibi': 2, 'lm-learned-pos': 1, 'lm-draft': 0 };
const nll = (a: number) => -Math.log(Math.exp(a) / (Math.exp(a) + V - 1));

function fakeClient(gate?: Promise<void>): ModelClient {
  return {
    load: vi.fn(async (modelId: string) => ({ modelId, info: {}, backends: ['wasm' as const] })),
    choose: vi.fn(async () => ({ backend: 'wasm' as const, workload: 'prefill' as const, reason: 'test' })),
    run: vi.fn(async (model: string, _v: string, feeds) => {
      if (gate) await gate;
      const ids = feeds[names.ids()].data as BigInt64Array;
      const T = ids.length;
      const data = new Float32Array(T * V);
      for (let t = 0; t + 1 < T; t++) data[t * V + Number(ids[t + 1])] = A[model];
      return { backend: 'wasm' as const, ms: 1, outputs: { [names.logits()]: { dtype: 'float32' as const, dims: [1, T, V], data } } };
    }),
  } as unknown as ModelClient;
}

const deps = (client: ModelClient): Deps => ({ client: async () => client, tokenizer: async () => new ByteTokenizer() });

describe('<PerplexityPanel /> with a fake model client', () => {
  it('runs all six models on each window and shows the hand-computed loss of each', async () => {
    const client = fakeClient();
    render(<PerplexityPanel state={{ ...perplexityTableSchema.defaults, windows: 2 }} setState={vi.fn()} hidden={none} locked={none} deps={deps(client)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByText(/Done: every number/);
    expect(vi.mocked(client.load).mock.calls.map((c) => c[0])).toEqual([...MODELS]);
    expect(vi.mocked(client.run).mock.calls.map((c) => [c[0], c[2][names.ids()].dims[1]])).toEqual(MODELS.flatMap((m) => [[m, 128], [m, 128]]));
    for (const m of MODELS) {
      const row = document.querySelector(`tr[data-model="${m}"]`);
      expect(Number(row?.getAttribute('data-loss'))).toBeCloseTo(nll(A[m]), 4);
    }
    expect(document.querySelector('[data-ran]')?.getAttribute('data-ran')).toMatch(/lm:wasm/);
  });

  it('Cancel stops before the next forward', async () => {
    let open: () => void = () => {};
    const client = fakeClient(new Promise<void>((r) => { open = r; }));
    render(<PerplexityPanel state={{ ...perplexityTableSchema.defaults, windows: 4 }} setState={vi.fn()} hidden={none} locked={none} deps={deps(client)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    // Cancel is disabled while the models load; wait until the first forward is in flight
    await waitFor(() => expect(vi.mocked(client.run).mock.calls.length).toBe(1));
    const cancelButton = screen.getByRole('button', { name: 'Cancel' }) as HTMLButtonElement;
    expect(cancelButton.disabled).toBe(false);
    fireEvent.click(cancelButton);
    open();
    await screen.findByText(/Cancelled/);
    await waitFor(() => expect(vi.mocked(client.run).mock.calls.length).toBe(1));
    expect(document.querySelector('tr[data-model]')).toBeNull();
  });
});

// @vitest-environment jsdom
/**
 * The bounded-cache panel against a fake model client: Run loads lm and runs full attention, the
 * window and the window with sinks on each of the 4 held-out slices; the table shows the loss of
 * the returned logits and its change against full attention; a new sink count runs only the new
 * series; Cancel stops before the next forward pass.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KvWindowPanel } from '@/components/widgets/kv-window/KvWindow';
import { kvWindowSchema, type KvWindowState } from '@/components/widgets/kv-window/index';
import type { Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { ModelClient } from '@/lib/runtime/client';
import { ByteTokenizer } from '@/lib/tokenizer/byte';
import { fakeLogitsClient, nllOf } from '../../fake-logits-client';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();
/** The logit the fake gives the true next token, per variant; every other logit is 0. */
const A: Record<string, number> = { logits: 3, 'logits@window:16:0': 1, 'logits@window:16:4': 2, 'logits@window:16:8': 0.5 };
const nll = nllOf;

const fakeClient = (gate?: Promise<void>): ModelClient => fakeLogitsClient(A, 'WebGPU unavailable', gate);

function setup(state: Partial<KvWindowState>, client: ModelClient) {
  const deps: Deps = { client: async () => client, tokenizer: async () => new ByteTokenizer() };
  const full = { ...kvWindowSchema.defaults, ...state };
  const r = render(<KvWindowPanel state={full} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
  return (s: Partial<KvWindowState>) => r.rerender(<KvWindowPanel state={{ ...full, ...s }} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
}
const cells = (id: string) => [...document.querySelectorAll(`tr[data-series="${id}"] td`)].map((c) => c.textContent);

describe('<KvWindowPanel /> with a fake model client', () => {
  it('runs full attention, the window and the window with sinks on 4 slices of 256 tokens', async () => {
    const client = fakeClient();
    setup({}, client);
    expect(screen.getByText(/Cache kept for the last query: 20 of 256 tokens = 80 KiB/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByText(/Done: every number/);
    const calls = vi.mocked(client.run).mock.calls.map((c) => `${c[1]}:${c[2][names.ids()].dims[1]}`);
    expect(calls).toEqual([...Array(4).fill('logits:256'), ...Array(4).fill('logits@window:16:0:256'), ...Array(4).fill('logits@window:16:4:256')]);
    expect(Number(cells('full')[0])).toBeCloseTo(nll(3), 3);
    expect(Number(cells('w16s4')[0])).toBeCloseTo(nll(2), 3);
    expect(cells('w16s0')[1]).toBe(`+${(nll(1) - nll(3)).toFixed(3)}`);
    expect(document.querySelectorAll('.lc-line')).toHaveLength(3);
    expect(document.querySelector('.px-actions .badge')?.getAttribute('data-backend')).toBe('wasm');
  });

  it('a new sink count runs only the new series', async () => {
    const client = fakeClient();
    const rerender = setup({}, client);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByText(/Done: every number/);
    vi.mocked(client.run).mockClear();
    rerender({ sinks: 8 });
    await waitFor(() => expect(cells('w16s8').length).toBe(3));
    expect(vi.mocked(client.run).mock.calls.map((c) => c[1])).toEqual(Array(4).fill('logits@window:16:8'));
  });

  it('Cancel stops before the next forward pass', async () => {
    let open!: () => void;
    const client = fakeClient(new Promise<void>((r) => (open = r)));
    setup({}, client);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(client.run).toHaveBeenCalled());
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    open();
    await screen.findByText(/Cancelled/);
    expect(client.run).toHaveBeenCalledTimes(1);
  });
});

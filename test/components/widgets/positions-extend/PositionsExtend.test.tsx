// @vitest-environment jsdom
/**
 * The context-extension panel against a fake model client (no worker, no ORT): Run loads the three
 * models and runs one graph per series and window; the summary shows the loss computed from the
 * returned logits; a new factor re-runs only the scaled series and releases the old graphs;
 * Cancel stops before the next window.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PositionsExtendPanel } from '@/components/widgets/positions-extend/PositionsExtend';
import { positionsExtendSchema, type PositionsExtendState } from '@/components/widgets/positions-extend/index';
import type { Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { ModelClient } from '@/lib/runtime/client';
import { ByteTokenizer } from '@/lib/tokenizer/byte';
import { fakeLogitsClient, nllOf } from '../../fake-logits-client';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();
/** The logit the fake gives the true next token, per variant; every other logit is 0. */
const A: Record<string, number> = { logits: 2, 'logits@pi:4': 1, 'logits@ntk:4': 3, 'logits@yarn:4': 4, 'logits@pi:2': 0.5, 'logits@ntk:2': 0, 'logits@yarn:2': 5 };
const nll = nllOf;

const fakeClient = (gate?: Promise<void>): ModelClient => fakeLogitsClient(A, 'WebGPU unavailable: navigator.gpu missing', gate);

function setup(state: Partial<PositionsExtendState>, client: ModelClient) {
  const deps: Deps = { client: async () => client, tokenizer: async () => new ByteTokenizer() };
  const full = { ...positionsExtendSchema.defaults, length: 64, windows: 1, bucket: 16, ...state };
  const r = render(<PositionsExtendPanel state={full} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
  return (s: Partial<PositionsExtendState>) => r.rerender(<PositionsExtendPanel state={{ ...full, ...s }} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
}

const whole = (id: string) => Number(document.querySelector(`tr[data-series="${id}"]`)?.getAttribute('data-whole'));

describe('<PositionsExtendPanel /> with a fake model client', () => {
  it('loads lm and both twins, runs every series once, and shows the loss of the returned logits', async () => {
    const client = fakeClient();
    setup({}, client);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByText(/Done: every curve/);
    expect(vi.mocked(client.load).mock.calls.map((c) => c[0])).toEqual(['lm', 'lm-alibi', 'lm-learned-pos']);
    const calls = vi.mocked(client.run).mock.calls.map((c) => [c[0], c[1], c[2][names.ids()].dims[1]]);
    expect(calls).toEqual([
      ['lm', 'logits', 64], ['lm', 'logits@pi:4', 64], ['lm', 'logits@ntk:4', 64], ['lm', 'logits@yarn:4', 64],
      ['lm-alibi', 'logits', 64], ['lm-learned-pos', 'logits', 64],
    ]);
    expect(whole('none')).toBeCloseTo(nll(2), 3);
    expect(whole('pi')).toBeCloseTo(nll(1), 3);
    expect(whole('yarn')).toBeCloseTo(nll(4), 3);
    expect(document.querySelectorAll('.lc-line')).toHaveLength(6);
    expect(document.querySelector('.px-actions .badge')?.getAttribute('data-backend')).toBe('wasm');
    expect(screen.getByText(/held-out window of Jane Austen/)).toBeTruthy();
  });

  it('a new factor re-runs only PI, NTK-aware and YaRN, and releases the factor-4 graphs', async () => {
    const client = fakeClient();
    const rerender = setup({}, client);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByText(/Done: every curve/);
    vi.mocked(client.run).mockClear();
    rerender({ factor: 2 });
    await waitFor(() => expect(whole('yarn')).toBeCloseTo(nll(5), 3));
    await screen.findByText(/Done: every curve/);
    expect(vi.mocked(client.run).mock.calls.map((c) => c[1])).toEqual(['logits@pi:2', 'logits@ntk:2', 'logits@yarn:2']);
    expect(whole('none')).toBeCloseTo(nll(2), 3);
    expect(vi.mocked(client.releaseVariant).mock.calls.map((c) => c[1]).sort()).toEqual(['logits@ntk:4', 'logits@pi:4', 'logits@yarn:4']);
  });

  it('passes a forced engine to every run', async () => {
    const client = fakeClient();
    setup({ backend: 'wasm' }, client);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByText(/Done: every curve/);
    expect(vi.mocked(client.run).mock.calls.every((c) => c[3]?.backend === 'wasm')).toBe(true);
    expect(client.choose).not.toHaveBeenCalled();
  });

  it('Cancel stops before the next forward pass and keeps what was measured', async () => {
    let open!: () => void;
    const client = fakeClient(new Promise<void>((r) => (open = r)));
    setup({}, client);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(document.querySelector('.px')?.getAttribute('data-phase')).toBe('running'));
    await waitFor(() => expect(client.run).toHaveBeenCalled());
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    open();
    await screen.findByText(/Cancelled/);
    expect(client.run).toHaveBeenCalledTimes(1);
  });
});

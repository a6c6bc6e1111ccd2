// @vitest-environment jsdom
/**
 * The attention explorer against a fake model client (a tiny seeded Transformer run eagerly) and
 * a byte tokenizer: Load runs the 'taps' graph, every head gets a thumbnail, the detail map and the
 * stages show, the recomputed softmax matches the tapped probabilities, and thumbnails, arrow keys
 * and the engine control ask for the right state.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExplorerPanel } from '@/components/widgets/attention-explorer/Explorer';
import { explorerSchema, type ExplorerState } from '@/components/widgets/attention-explorer/index';
import type { Deps } from '@/components/lesson/live-model';
import { ByteTokenizer } from '@/lib/tokenizer/byte';
import { fakeClient } from './fake-model';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();

function setup(state: Partial<ExplorerState>, locked: ReadonlySet<string> = none) {
  const client = fakeClient();
  const deps: Deps = { client: async () => client, tokenizer: async () => new ByteTokenizer() };
  const setState = vi.fn();
  const full = { ...explorerSchema.defaults, ...state };
  const r = render(<ExplorerPanel state={full} setState={setState} hidden={none} locked={locked} deps={deps} />);
  return { client, setState, r, full, deps };
}

describe('<ExplorerPanel /> with a fake model client', () => {
  it('loads, runs the taps graph on the text, and shows 8 thumbnails, the map and the stages', async () => {
    const { client } = setup({ text: 'abcdefgh', layer: 1, head: 2, query: 5, key: 3 });
    fireEvent.click(screen.getByRole('button', { name: 'Load the model' }));
    await waitFor(() => expect(document.querySelector('.ax-heat')).not.toBeNull());
    expect(client.run).toHaveBeenCalledWith('lm', 'taps', expect.anything(), { workload: 'prefill' });
    expect(document.querySelectorAll('.ax-thumb')).toHaveLength(8);
    const heat = document.querySelector('.ax-heat')!;
    expect([heat.getAttribute('data-layer'), heat.getAttribute('data-head'), heat.getAttribute('data-tokens')]).toEqual(['1', '2', '8']);
    expect(document.querySelectorAll('.ax-cell')).toHaveLength(36); // 8·9/2 causal cells
    expect(document.querySelector('.ax-cell-pick')!.getAttribute('data-query')).toBe('5');
    // stages: 6 keys up to the query + one row for the 2 masked later keys; softmax = tapped probs
    expect(document.querySelectorAll('.ax-stage-table tbody tr')).toHaveLength(7);
    expect(Number(document.querySelector('.ax-check')!.getAttribute('data-max-diff'))).toBeLessThan(1e-5);
    const probs = [...document.querySelectorAll('.ax-stage-table td[data-prob]')].map((e) => Number(e.getAttribute('data-prob')));
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(screen.getByText(/Head 2 reads key\/value head 1/)).toBeTruthy();
    expect(document.querySelector('.badge')!.getAttribute('data-backend')).toBe('wasm');
  });

  it('a thumbnail picks its head; arrow keys on the map move the picked cell', async () => {
    const { setState } = setup({ text: 'abcdefgh', query: 5, key: 3 });
    fireEvent.click(screen.getByRole('button', { name: 'Load the model' }));
    await waitFor(() => expect(document.querySelector('.ax-heat')).not.toBeNull());
    fireEvent.click(screen.getByRole('button', { name: /^Layer 0, head 1/ }));
    expect(setState).toHaveBeenLastCalledWith({ layer: 0, head: 1 });
    const map = screen.getByRole('group', { name: /Attention matrix of layer/ });
    fireEvent.keyDown(map, { key: 'ArrowLeft' });
    expect(setState).toHaveBeenLastCalledWith({ query: 5, key: 2 });
    fireEvent.keyDown(map, { key: 'ArrowUp' });
    expect(setState).toHaveBeenLastCalledWith({ query: 4, key: 3 });
  });

  it('a forced engine goes with the run, and locked query/key ignore the keys', async () => {
    const { client, setState } = setup({ text: 'abcd', backend: 'webgpu' }, new Set(['query', 'key']));
    fireEvent.click(screen.getByRole('button', { name: 'Load the model' }));
    await waitFor(() => expect(document.querySelector('.ax-heat')).not.toBeNull());
    expect(client.run).toHaveBeenCalledWith('lm', 'taps', expect.anything(), { workload: 'prefill', backend: 'webgpu' });
    expect(document.querySelector('.badge')!.getAttribute('data-backend')).toBe('webgpu');
    fireEvent.keyDown(screen.getByRole('group', { name: /Attention matrix of layer/ }), { key: 'ArrowLeft' });
    expect(setState).not.toHaveBeenCalled();
  });
});

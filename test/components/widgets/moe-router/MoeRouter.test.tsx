// @vitest-environment jsdom
/**
 * The router panel against a fake model client and a byte tokenizer: Load runs lm-moe's 'taps'
 * graph, the grid has one row per token with two chosen experts each, and a graph that fails on
 * WebGPU is re-run on WASM with a visible note.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MoeRouterPanel } from '@/components/widgets/moe-router/MoeRouter';
import { moeRouterSchema } from '@/components/widgets/moe-router/index';
import type { Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { ModelClient } from '@/lib/runtime/client';
import { ByteTokenizer } from '@/lib/tokenizer/byte';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();
const E = 4;

function outputs(T: number) {
  const out: Record<string, { dtype: 'float32'; dims: number[]; data: Float32Array }> = {};
  for (let l = 0; l < 8; l++) {
    const probs = new Float32Array(T * E);
    const chosen = new Float32Array(T * E);
    for (let t = 0; t < T; t++) {
      const a = (t + l) % E;
      const b = (a + 1) % E;
      probs.set([0.1, 0.1, 0.1, 0.1], t * E);
      probs[t * E + a] = 0.5;
      probs[t * E + b] = 0.3;
      probs[t * E + ((a + 2) % E)] = 0.1;
      probs[t * E + ((a + 3) % E)] = 0.1;
      chosen[t * E + a] = 1;
      chosen[t * E + b] = 1;
    }
    out[names.moeRouterProbs(l)] = { dtype: 'float32', dims: [1, T, E], data: probs };
    out[names.moeChosen(l)] = { dtype: 'float32', dims: [1, T, E], data: chosen };
  }
  return out;
}

function fakeClient(failOnWebgpu: boolean): ModelClient {
  return {
    load: vi.fn(async (modelId: string) => ({ modelId, info: { config: { nLayer: 8, moe: { experts: 4, topK: 2 } } }, backends: ['wasm', 'webgpu'] })),
    setBackend: vi.fn(async () => {}),
    choose: vi.fn(async () => ({ backend: 'webgpu' as const, workload: 'prefill' as const, reason: 'measured' })),
    generate: vi.fn(),
    run: vi.fn(async (modelId: string, variant: string, feeds, opts) => {
      expect(modelId).toBe('lm-moe');
      expect(variant).toBe('taps');
      if (failOnWebgpu && opts?.backend === 'webgpu') throw new Error('no kernel');
      return { backend: opts?.backend ?? 'wasm', ms: 3, outputs: outputs(feeds[names.ids()].dims[1]) };
    }),
    dispose: vi.fn(async () => {}),
  } as unknown as ModelClient;
}

function setup(client: ModelClient) {
  const deps: Deps = { client: async () => client, tokenizer: async () => new ByteTokenizer() };
  render(<MoeRouterPanel state={{ ...moeRouterSchema.defaults, text: 'abc', layer: 0 }} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
}

describe('MoE router panel', () => {
  it('routes each token: one row per token, two chosen experts per row, load bars summing to 100%', async () => {
    setup(fakeClient(false));
    fireEvent.click(screen.getByRole('button', { name: 'Load lm-moe' }));
    await waitFor(() => expect(document.querySelector('.mr-grid[data-rows="3"]')).not.toBeNull());
    const grid = document.querySelector('.mr-grid[data-rows="3"]')!;
    expect(grid.querySelectorAll('.mr-chosen')).toHaveLength(6);
    // layer 0, token 0: expert 0 first (0.5), expert 1 second (0.3)
    const first = grid.querySelectorAll('tbody tr')[0].querySelectorAll('td');
    expect([...first].map((td) => td.getAttribute('data-rank'))).toEqual(['1', '2', '0', '0']);
    const shares = [...document.querySelectorAll('.mr-bars li')].map((li) => Number(li.getAttribute('data-share')));
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(screen.getByText(/Routed 3 tokens through 8 layers of 4 experts \(top-2\)/)).toBeTruthy();
    expect(document.querySelector('[data-backend="webgpu"]')).not.toBeNull();
  });

  it('a graph that fails on WebGPU runs on WASM, with a note saying so', async () => {
    setup(fakeClient(true));
    fireEvent.click(screen.getByRole('button', { name: 'Load lm-moe' }));
    await waitFor(() => expect(document.querySelector('.mr-fallback')).not.toBeNull());
    expect(document.querySelector('.mr-fallback')!.textContent).toMatch(/failed on WebGPU.*ran on WASM instead/);
    expect(document.querySelector('[data-backend="wasm"]')).not.toBeNull();
  });
});

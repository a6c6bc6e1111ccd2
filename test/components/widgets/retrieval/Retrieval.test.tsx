// @vitest-environment jsdom
/**
 * The retrieval and RAG panels against a fake model client (no worker, no ORT) and the byte
 * tokenizer: BM25 hits render before any model run; Run embeds every passage and test query once
 * (one 'taps' call each, plus the query box); a layer change re-ranks without another model call;
 * the RAG panel measures both prompts (2 × (1 + 8) forwards) and prints the difference.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RetrievalPanel } from '@/components/widgets/retrieval/Retrieval';
import { retrievalSchema } from '@/components/widgets/retrieval/index';
import { RagPanel } from '@/components/widgets/rag-prompt/RagPrompt';
import { ragPromptSchema } from '@/components/widgets/rag-prompt/index';
import type { Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { ModelClient } from '@/lib/runtime/client';
import { ByteTokenizer } from '@/lib/tokenizer/byte';
import P from '@/lib/retrieval/passages.json';
import { QUERIES } from '@/lib/retrieval/queries';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();
const V = 256;

/** Taps: 2 layers (embed, block 0) of C = 2, row t = [1, id / 255]; logits: all 0 (uniform). */
function fakeClient(): ModelClient {
  return {
    load: vi.fn(async (modelId: string) => ({ modelId, info: { config: { nLayer: 1, dModel: 2, contextLength: 256 } }, backends: ['wasm' as const] })),
    choose: vi.fn(async () => ({ backend: 'wasm' as const, workload: 'prefill' as const, reason: 'test' })),
    run: vi.fn(async (_m: string, variant: string, feeds) => {
      const ids = [...(feeds[names.ids()].data as BigInt64Array)].map(Number);
      const T = ids.length;
      if (variant === 'taps') {
        const x = Float32Array.from(ids.flatMap((i) => [1, i / 255]));
        const t = { dtype: 'float32' as const, dims: [1, T, 2], data: x };
        return { backend: 'wasm' as const, ms: 1, outputs: { [names.embed()]: t, [names.residPost(0)]: t } };
      }
      return { backend: 'wasm' as const, ms: 1, outputs: { [names.logits()]: { dtype: 'float32' as const, dims: [1, T, V], data: new Float32Array(T * V) } } };
    }),
  } as unknown as ModelClient;
}

describe('<RetrievalPanel /> with a fake model client', () => {
  it('shows BM25 at once, embeds every text once on Run, and re-ranks on a layer change without a model call', async () => {
    const client = fakeClient();
    const deps: Deps = { client: async () => client, tokenizer: async () => new ByteTokenizer() };
    const state = { ...retrievalSchema.defaults, layer: 1 };
    const r = render(<RetrievalPanel state={state} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
    expect(document.querySelectorAll('[data-testid="rt-bm25"] li').length).toBe(5);
    expect(document.querySelector('[data-testid="rt-bm25"] li')?.getAttribute('data-relevant')).toBe('1');
    expect(document.querySelector('tr[data-retriever="dense"]')?.textContent).toMatch(/\(Run\)/);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByText(/Done: every number/);
    const taps = () => vi.mocked(client.run).mock.calls.filter((c) => c[1] === 'taps').length;
    expect(taps()).toBe(P.length + QUERIES.length + 1);
    expect(document.querySelectorAll('[data-testid="rt-dense"] li').length).toBe(5);
    r.rerender(<RetrievalPanel state={{ ...state, layer: 0 }} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
    expect(screen.getByText(/Dense, layer 0/)).toBeTruthy();
    expect(taps()).toBe(P.length + QUERIES.length + 1);
  });
});

describe('<RagPanel /> with a fake model client', () => {
  it('measures both prompts: uniform logits give the same ln p with and without, a difference of 0', async () => {
    const client = fakeClient();
    const deps: Deps = { client: async () => client, tokenizer: async () => new ByteTokenizer() };
    render(<RagPanel state={ragPromptSchema.defaults} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
    expect(screen.getByTestId('rag-retrieved').textContent).toMatch(/moby-71908/);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByText(/Done: every number/);
    expect(vi.mocked(client.run).mock.calls.length).toBe(2 * (1 + 8));
    const bytes = new TextEncoder().encode(ragPromptSchema.defaults.target).length;
    for (const side of ['without', 'with']) expect(Number(document.querySelector(`tr[data-side="${side}"]`)?.getAttribute('data-logp'))).toBeCloseTo(-bytes * Math.log(V), 3);
    expect(screen.getByTestId('rag-delta').textContent).toMatch(/\+0\.00 nats/);
  });
});

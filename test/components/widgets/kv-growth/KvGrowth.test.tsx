// @vitest-environment jsdom
/**
 * The kv-growth panel against a fake model client: Run prefills the prompt, decodes one token per
 * step feeding present → past, then re-runs 'logits' on each prefix; the cache caption gives lm's
 * bytes for the cached tokens; every run uses the one chosen backend.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KvGrowthPanel } from '@/components/widgets/kv-growth/KvGrowth';
import { kvGrowthSchema } from '@/components/widgets/kv-growth/index';
import type { Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { TransformerConfig } from '@/lib/model/config';
import type { ModelClient } from '@/lib/runtime/client';
import type { WireTensor } from '@/lib/runtime/protocol';
import { ByteTokenizer } from '@/lib/tokenizer/byte';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();
const cfg = { vocabSize: 256, contextLength: 64, nLayer: 8, dModel: 128, nHead: 4, nKvHead: 2 } as TransformerConfig;

function fakeClient(): ModelClient {
  return {
    load: vi.fn(async (modelId: string) => ({ modelId, info: { config: cfg }, backends: ['wasm' as const] })),
    choose: vi.fn(async () => ({ backend: 'wasm' as const, workload: 'decode' as const, reason: 'WebGPU unavailable' })),
    run: vi.fn(async (_m: string, variant: string, feeds: Record<string, WireTensor>) => {
      const T = feeds[names.ids()].dims[1];
      const P = variant === 'kv-decode' ? feeds[names.pastKey(0)].dims[2] : 0;
      const logits = new Float32Array(T * 256);
      logits[(T - 1) * 256 + 65] = 1; // always 'A'
      const outputs: Record<string, WireTensor> = { [names.logits()]: { dtype: 'float32', dims: [1, T, 256], data: logits } };
      if (variant !== 'logits') {
        for (let l = 0; l < 8; l++) {
          const dims = [1, 2, P + T, 32];
          outputs[names.presentKey(l)] = { dtype: 'float32', dims, data: new Float32Array(2 * (P + T) * 32) };
          outputs[names.presentValue(l)] = { dtype: 'float32', dims, data: new Float32Array(2 * (P + T) * 32) };
        }
      }
      return { backend: 'wasm' as const, ms: 1, outputs };
    }),
  } as unknown as ModelClient;
}

describe('<KvGrowthPanel /> with a fake model client', () => {
  it('prefills, decodes with the growing cache, then recomputes each prefix, all on one backend', async () => {
    const client = fakeClient();
    const deps: Deps = { client: async () => client, tokenizer: async () => new ByteTokenizer() };
    render(<KvGrowthPanel state={{ ...kvGrowthSchema.defaults, prompt: 'abcd', context: 0, tokens: 3 }} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByText(/Done: every time/);
    const calls = vi.mocked(client.run).mock.calls;
    // 3 warm-up calls, then prefill + 2 decodes, then 3 recomputes
    const timed = calls.slice(3).map((c) => `${c[1]}:${(c[2] as Record<string, WireTensor>)[names.ids()].dims[1]}:${(c[2] as Record<string, WireTensor>)[names.pastKey(0)]?.dims[2] ?? '-'}`);
    expect(timed).toEqual(['kv-prefill:4:-', 'kv-decode:1:4', 'kv-decode:1:5', 'logits:4:-', 'logits:5:-', 'logits:6:-']);
    expect(calls.every((c) => c[3]?.backend === 'wasm')).toBe(true);
    // 6 cached tokens × 4 KiB (lm's 2 · 8 · 2 · 32 · 4 bytes per token)
    expect(screen.getByTestId('kg-bytes').textContent).toMatch(/6 tokens × 8 layers × 2 kv heads .* 24 KiB in fp32 .* 12 KiB in fp16, 6 KiB in int8/);
    expect(screen.getByTestId('kg-timing').textContent).toMatch(/Prefill: 4 tokens in one pass/);
    expect(document.querySelectorAll('.kg-bar')).toHaveLength(16);
    expect(screen.getByText('AAA')).toBeTruthy();
  });

  it('puts held-out text before the prompt and refuses a context longer than lm reads', async () => {
    const client = fakeClient();
    const deps: Deps = { client: async () => client, tokenizer: async () => new ByteTokenizer() };
    render(<KvGrowthPanel state={{ ...kvGrowthSchema.defaults, prompt: 'abcd', context: 64, tokens: 3 }} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/at most 64 tokens/);
    cleanup();
    render(<KvGrowthPanel state={{ ...kvGrowthSchema.defaults, prompt: 'abcd', context: 16, tokens: 2 }} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByText(/Done: every time/);
    expect(screen.getByText(/\[16 tokens of held-out Austen\]/)).toBeTruthy();
    expect(screen.getByTestId('kg-timing').textContent).toMatch(/Prefill: 20 tokens in one pass/);
  });
});

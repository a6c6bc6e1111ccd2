// @vitest-environment jsdom
/**
 * The flash-tiling panel against a fake model client (no worker, no ORT): Load runs the 'taps'
 * graph once; the panel takes head h's q and its K/V head's k, v (GQA), steps the tiled pass and
 * shows the max difference from ordinary attention computed on the same numbers by lib.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FlashPanel } from '@/components/widgets/flash-tiling/FlashTiling';
import { flashTilingSchema, type FlashTilingState } from '@/components/widgets/flash-tiling/index';
import type { Deps } from '@/components/lesson/live-model';
import { flashAttention, maxAbsDiff, naiveAttention } from '@/lib/longctx/flash';
import { names } from '@/lib/model/names';
import type { ModelClient } from '@/lib/runtime/client';
import { mulberry32 } from '@/lib/tensor';
import { ByteTokenizer } from '@/lib/tokenizer/byte';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();
const cfg = { nLayer: 1, nHead: 2, nKvHead: 1, dModel: 8, contextLength: 64, vocabSize: 256 };
const hs = 4;

function fakeClient(): { client: ModelClient; taps: Record<string, Float32Array> } {
  const r = mulberry32(5);
  const taps: Record<string, Float32Array> = {};
  const client = {
    load: vi.fn(async (modelId: string) => ({ modelId, info: { config: cfg }, backends: ['wasm' as const] })),
    choose: vi.fn(async () => ({ backend: 'wasm' as const, workload: 'prefill' as const, reason: 'WebGPU unavailable' })),
    run: vi.fn(async (_m: string, _v: string, feeds) => {
      const T = (feeds[names.ids()].data as BigInt64Array).length;
      const t = (n: number) => ({ dtype: 'float32' as const, dims: [1, n, T, hs], data: Float32Array.from({ length: n * T * hs }, () => 2 * r.normal()) });
      const out = { [names.q(0)]: t(2), [names.k(0)]: t(1), [names.v(0)]: t(1), [names.attnProbs(0)]: { dtype: 'float32' as const, dims: [1, 2, T, T], data: new Float32Array(2 * T * T) } };
      for (const [k, v] of Object.entries(out)) taps[k] = v.data;
      return { backend: 'wasm' as const, ms: 1, outputs: out };
    }),
  } as unknown as ModelClient;
  return { client, taps };
}

describe('<FlashPanel /> with a fake model client', () => {
  it('runs the taps once and shows lib\'s max difference for head 1 (K/V head 0), block steps of Br×Bc', async () => {
    const { client, taps } = fakeClient();
    const deps: Deps = { client: async () => client, tokenizer: async () => new ByteTokenizer() };
    const state: FlashTilingState = { ...flashTilingSchema.defaults, text: 'abcdefghij', head: 1, br: 4, bc: 3 };
    const setState = vi.fn();
    render(<FlashPanel state={state} setState={setState} hidden={none} locked={none} deps={deps} />);
    fireEvent.click(screen.getByRole('button', { name: 'Load lm and run' }));
    const shown = await screen.findByText((_, el) => el?.hasAttribute('data-maxdiff') ?? false);
    expect(vi.mocked(client.run)).toHaveBeenCalledTimes(1);
    const T = 10;
    const a = { q: taps[names.q(0)].slice(T * hs), k: taps[names.k(0)], v: taps[names.v(0)], n: T, d: hs, causal: true };
    const expected = maxAbsDiff(flashAttention(a, 4, 3, { float32: true }).out, naiveAttention(a));
    expect(shown.getAttribute('data-maxdiff')).toBe(expected.toExponential(3));
    expect(screen.getByText(/12 block steps of 4×3/)).toBeTruthy(); // ⌈10/4⌉·⌈10/3⌉ = 3·4
    expect(document.querySelector('.badge')?.getAttribute('data-backend')).toBe('wasm');
    fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    expect(setState).toHaveBeenLastCalledWith({ step: 1 });
  });
});

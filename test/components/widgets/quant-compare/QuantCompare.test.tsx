// @vitest-environment jsdom
/**
 * quant-compare against a fake client: Compare loads lm and the quantized id, shows both
 * models' next-token bars with the KL computed by lib/quant, the held-out loss table from the
 * (stubbed) slice, and both generations with the split highlighted.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QuantComparePanel } from '@/components/widgets/quant-compare/QuantCompare';
import { quantCompareSchema } from '@/components/widgets/quant-compare/index';
import { commonPrefix } from '@/components/widgets/quant-compare/layout';
import type { Deps } from '@/components/lesson/live-model';
import type { ModelClient } from '@/lib/runtime/client';
import { names } from '@/lib/model/names';
import { klFromLogits, nllSum, quantizeModel, summarize } from '@/lib/quant';
import { randomWeights } from '@/lib/model/init';
import { presets } from '@/lib/model/presets';
import type { TransformerConfig } from '@/lib/model/config';
import { ByteTokenizer } from '@/lib/tokenizer/byte';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
const none: ReadonlySet<string> = new Set();
const V = 256;
const row = (quant: boolean) => Float32Array.from({ length: V }, (_, i) => (i >= 97 && i < 105 ? 3 - (i - 97) * 0.4 + (quant && i === 98 ? 0.3 : 0) : 0));
const cfg = { ...presets['tiny-random'] } as TransformerConfig;
const w = randomWeights(cfg, 3);

function fakeClient(): ModelClient {
  return {
    load: vi.fn(async (modelId: string) => ({ modelId, info: modelId === 'lm' ? {} : { quant: summarize(quantizeModel(cfg, w, { format: 'int4' }), w) }, backends: ['wasm'] })),
    setBackend: vi.fn(async () => {}),
    choose: vi.fn(async () => ({ backend: 'wasm', reason: 'test' })),
    run: vi.fn(async (model: string, _v: string, feeds) => {
      const T = feeds[names.ids()].dims[1];
      const data = new Float32Array(T * V);
      for (let t = 0; t < T; t++) data.set(row(model !== 'lm'), t * V);
      return { backend: 'wasm', ms: 1, outputs: { [names.logits()]: { dtype: 'float32', dims: [1, T, V], data } } };
    }),
    generate: vi.fn(async (model: string, _req, onToken: (t: { id: number }) => void) => {
      const ids = model === 'lm' ? [104, 105, 33] : [104, 106, 33];
      ids.forEach((id) => onToken({ id }));
      return { newIds: ids };
    }),
    dispose: vi.fn(async () => {}),
  } as unknown as ModelClient;
}

describe('<QuantComparePanel /> with a fake client', () => {
  it('shows the KL of the two next-token distributions, the held-out loss of both, and both generations', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ windows: [[1, 2, 3, 4], [5, 6, 7]] }))));
    const client = fakeClient();
    const deps: Deps = { client: async () => client, tokenizer: async () => new ByteTokenizer() };
    render(<QuantComparePanel state={{ ...quantCompareSchema.defaults, prompt: 'Emma' }} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    await waitFor(() => expect(document.querySelector('[data-gen="quant"] mark')).toBeTruthy(), { timeout: 3000 });
    expect(client.load).toHaveBeenCalledWith('quant:int4:g32:c1:lm', expect.anything());
    const kl = Number(document.querySelector('[data-kl]')!.getAttribute('data-kl'));
    expect(kl).toBeCloseTo(klFromLogits(row(false), row(true)), 6); // data-kl keeps 5 significant digits
    const table = document.querySelector('[data-loss-orig]')!;
    // 5 scored tokens, every row the same: loss = mean −ln p(target)
    const targets = [2, 3, 4, 6, 7];
    const rows = new Float32Array(5 * V);
    for (let t = 0; t < 5; t++) rows.set(row(true), t * V);
    expect(Number(table.getAttribute('data-loss-quant'))).toBeCloseTo(nllSum(rows, V, targets).sum / 5, 4);
    expect(document.querySelector('[data-gen="orig"] mark')!.textContent).toBe('i!');
    expect(screen.getByText(/Runs as quantized weights/)).toBeTruthy();
  });
  it('commonPrefix finds where two id lists part', () => {
    expect(commonPrefix([1, 2, 3], [1, 2, 4])).toBe(2);
    expect(commonPrefix([1], [1])).toBe(1);
    expect(commonPrefix([], [5])).toBe(0);
  });
});

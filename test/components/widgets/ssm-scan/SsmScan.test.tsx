// @vitest-environment jsdom
/**
 * The SSM panel against a fake client: the parallel 'taps' call and one 'kv-decode' call per token
 * that carries present → past; the shown max difference is computed from the two forms' logits.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SsmScanPanel } from '@/components/widgets/ssm-scan/SsmScan';
import { ssmScanSchema } from '@/components/widgets/ssm-scan/index';
import type { Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { ModelClient } from '@/lib/runtime/client';
import type { WireTensor } from '@/lib/runtime/protocol';
import { ByteTokenizer } from '@/lib/tokenizer/byte';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();
// dModel 4, expand 2 → Di 8, headDim 4 → H 2, N 2, K 2 → Dc 12
const cfg = { nLayer: 2, dModel: 4, vocabSize: 256, ssm: { dState: 2, headDim: 4, expand: 2, convKernel: 2 } };
const V = 256;
const f32 = (dims: number[], fill: (i: number) => number): WireTensor => {
  const n = dims.reduce((a, b) => a * b, 1);
  return { dtype: 'float32', dims, data: Float32Array.from({ length: n }, (_, i) => fill(i)) };
};
const row = (id: number) => (v: number) => Math.sin(id + v);

function fakeClient(offset: number) {
  const decodes: Record<string, WireTensor>[] = [];
  const client = {
    load: vi.fn(async (modelId: string) => ({ modelId, info: { config: cfg }, backends: ['wasm'] })),
    setBackend: vi.fn(async () => {}),
    choose: vi.fn(async () => ({ backend: 'wasm' as const, workload: 'prefill' as const, reason: 'test' })),
    generate: vi.fn(),
    run: vi.fn(async (modelId: string, variant: string, feeds: Record<string, WireTensor>) => {
      expect(modelId).toBe('lm-ssm');
      const ids = Array.from(feeds[names.ids()].data as BigInt64Array, Number);
      if (variant === 'taps') {
        const out: Record<string, WireTensor> = { [names.logits()]: f32([1, ids.length, V], (i) => row(ids[Math.floor(i / V)])(i % V)) };
        for (let l = 0; l < 2; l++) out[names.ssmDt(l)] = f32([1, ids.length, 2], (i) => 0.1 * (i + 1));
        return { backend: 'wasm', ms: 1, outputs: out };
      }
      expect(variant).toBe('kv-decode');
      decodes.push(feeds);
      const step = decodes.length;
      const out: Record<string, WireTensor> = { [names.logits()]: f32([1, 1, V], (v) => row(ids[0])(v) + (v === 7 ? offset : 0)) };
      for (let l = 0; l < 2; l++) {
        out[names.presentConv(l)] = f32([1, 1, 12], () => step);
        out[names.presentSsm(l)] = f32([1, 2, 4, 2], (i) => (i < 8 ? step : 0)); // head 0: 8 entries of `step`
      }
      return { backend: 'wasm', ms: 1, outputs: out };
    }),
    dispose: vi.fn(async () => {}),
  } as unknown as ModelClient;
  return { client, decodes };
}

function setup(client: ModelClient) {
  const deps: Deps = { client: async () => client, tokenizer: async () => new ByteTokenizer() };
  render(<SsmScanPanel state={{ ...ssmScanSchema.defaults, text: 'abc', layer: 1 }} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
}

describe('SSM scan panel', () => {
  it('runs the recurrence from a zero state, carries present → past, and shows 0 difference for equal forms', async () => {
    const { client, decodes } = fakeClient(0);
    setup(client);
    fireEvent.click(screen.getByRole('button', { name: 'Load lm-ssm' }));
    await waitFor(() => expect(document.querySelector('[data-max-diff]')).not.toBeNull());
    expect(decodes).toHaveLength(3);
    expect(Array.from(decodes[0][names.pastSsm(1)].data as Float32Array).every((x) => x === 0)).toBe(true);
    expect(decodes[0][names.pastConv(0)].dims).toEqual([1, 1, 12]);
    expect((decodes[2][names.pastSsm(1)].data as Float32Array)[0]).toBe(2); // the state left by step 2
    expect(document.querySelector('[data-max-diff]')!.getAttribute('data-max-diff')).toBe('0.000e+0');
    // state grid: head 0 after step t has norm √8 · t
    const state = document.querySelector('.ss-grid[data-kind="state"]')!;
    const firstCol = [...state.querySelectorAll('tbody tr')].map((tr) => Number(tr.querySelector('td')!.getAttribute('data-v')));
    firstCol.forEach((v, t) => expect(v).toBeCloseTo(Math.sqrt(8) * (t + 1), 4));
  });

  it('reports a difference when the recurrent logits differ', async () => {
    setup(fakeClient(0.25).client);
    fireEvent.click(screen.getByRole('button', { name: 'Load lm-ssm' }));
    await waitFor(() => expect(document.querySelector('[data-max-diff]')).not.toBeNull());
    expect(Number(document.querySelector('[data-max-diff]')!.getAttribute('data-max-diff'))).toBeCloseTo(0.25, 5);
  });
});

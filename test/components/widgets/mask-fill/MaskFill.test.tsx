// @vitest-environment jsdom
/**
 * The mask-fill and family-masks panels against a fake model client and a byte tokenizer: lm-mlm
 * gets the ids with [MASK] (4096) at the chosen token and lm gets only the tokens before it; the
 * lists come from lib/interp/mlm.ts ([MASK] itself never listed, even with the highest logit); the
 * mask figure draws n(n+1)/2 causal and n² bidirectional cells.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MaskFillPanel } from '@/components/widgets/mask-fill/MaskFill';
import { maskFillSchema } from '@/components/widgets/mask-fill/index';
import { FamilyMasksPanel } from '@/components/widgets/family-masks/FamilyMasks';
import { familyMasksSchema } from '@/components/widgets/family-masks/index';
import type { Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { ModelClient } from '@/lib/runtime/client';
import { ByteTokenizer } from '@/lib/tokenizer/byte';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();
const MLM_CFG = { vocabSize: 4097, attnMask: { kind: 'bidirectional' } };

function fakeClient(calls: { model: string; ids: number[] }[]): ModelClient {
  return {
    load: vi.fn(async (modelId: string) => ({ modelId, info: { config: modelId === 'lm-mlm' ? MLM_CFG : { vocabSize: 4096 } }, backends: ['wasm'] })),
    setBackend: vi.fn(async () => {}),
    choose: vi.fn(async () => ({ backend: 'wasm' as const, workload: 'prefill' as const, reason: 'forced' })),
    generate: vi.fn(),
    run: vi.fn(async (modelId: string, variant: string, feeds) => {
      expect(variant).toBe('logits');
      const x = Array.from(feeds[names.ids()].data as BigInt64Array, Number);
      calls.push({ model: modelId, ids: x });
      const V = modelId === 'lm-mlm' ? 4097 : 4096;
      const logits = new Float32Array(x.length * V);
      for (let t = 0; t < x.length; t++) {
        logits[t * V + 66] = 2; // 'B' second everywhere
        logits[t * V + 67] = 3; // 'C' first everywhere
        if (V === 4097) logits[t * V + 4096] = 50; // [MASK] would win if it were not left out
      }
      return { backend: 'wasm', ms: 1, outputs: { [names.logits()]: { dtype: 'float32', dims: [1, x.length, V], data: logits } } };
    }),
    dispose: vi.fn(async () => {}),
  } as unknown as ModelClient;
}

describe('mask-fill panel', () => {
  it('sends lm-mlm the masked sentence and lm the left context; lists top tokens without [MASK]', async () => {
    const calls: { model: string; ids: number[] }[] = [];
    const deps: Deps = { client: async () => fakeClient(calls), tokenizer: async () => new ByteTokenizer() };
    render(<MaskFillPanel state={{ ...maskFillSchema.defaults, text: 'ABCD', pos: 2, k: 3 }} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
    fireEvent.click(screen.getByRole('button', { name: 'Load lm-mlm and lm' }));
    await waitFor(() => expect(document.querySelector('section[data-model="lm-mlm"][data-top1]')).not.toBeNull());
    expect(calls).toEqual([{ model: 'lm-mlm', ids: [65, 66, 4096, 68] }, { model: 'lm', ids: [65, 66] }]);
    const mlm = document.querySelector('section[data-model="lm-mlm"]')!;
    expect(mlm.getAttribute('data-top1')).toBe('67');
    expect(mlm.getAttribute('data-rank')).toBe('1'); // the true token 'C' (67) is first
    expect(mlm.querySelectorAll('.mf-bars li')).toHaveLength(3);
    // p(C) = e³ / (e³ + e² + 4094·e⁰) over the 4096 real ids
    const p = Math.exp(3) / (Math.exp(3) + Math.exp(2) + 4094);
    expect(mlm.querySelector('.mf-bars li .mf-p')!.textContent).toBe(p.toFixed(3));
    expect(document.querySelector('section[data-model="lm"]')!.getAttribute('data-rank')).toBe('1');
    expect(screen.getByText(/Token 2 of 4 hidden\. lm-mlm ranks the true token #1; lm ranks it #1/)).toBeTruthy();
  });

  it('masking the first token: lm has no left context and is not run', async () => {
    const calls: { model: string; ids: number[] }[] = [];
    const deps: Deps = { client: async () => fakeClient(calls), tokenizer: async () => new ByteTokenizer() };
    render(<MaskFillPanel state={{ ...maskFillSchema.defaults, text: 'ABC', pos: 0 }} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
    fireEvent.click(screen.getByRole('button', { name: 'Load lm-mlm and lm' }));
    await waitFor(() => expect(document.querySelector('section[data-model="lm-mlm"][data-top1]')).not.toBeNull());
    expect(calls.map((c) => c.model)).toEqual(['lm-mlm']);
    expect(screen.getByText(/no context to predict it from/)).toBeTruthy();
  });
});

describe('family-masks panel', () => {
  it('draws causal n(n+1)/2, bidirectional n², and m × n cross-attention cells', async () => {
    const deps: Deps = { client: async () => { throw new Error('no model needed'); }, tokenizer: async () => new ByteTokenizer() };
    render(<FamilyMasksPanel state={{ ...familyMasksSchema.defaults, text: 'abcde', target: 'xyz', query: 1 }} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
    await waitFor(() => expect(document.querySelectorAll('.fm-svg')).toHaveLength(5));
    const vis = [...document.querySelectorAll('.fm-svg')].map((s) => Number(s.getAttribute('data-visible')));
    expect(vis).toEqual([15, 25, 25, 6, 15]); // causal 5, bidirectional 5, encoder 5, decoder causal 3, cross 3 × 5
  });
});

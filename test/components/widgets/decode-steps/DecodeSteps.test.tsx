// @vitest-environment jsdom
/**
 * The step-by-step panel against a fake model client (no worker, no ORT) and a byte tokenizer:
 * the fake "model" always prefers the byte after the last one, so greedy output is predictable
 * by hand; Back / Forward and the arrow keys move through the steps.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DecodeStepsPanel } from '@/components/widgets/decode-steps/DecodeSteps';
import { decodeStepsSchema, type DecodeStepsState } from '@/components/widgets/decode-steps/index';
import { clampStep, stepBars } from '@/components/widgets/decode-steps/layout';
import type { Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { ModelClient } from '@/lib/runtime/client';
import { ByteTokenizer } from '@/lib/tokenizer/byte';
import type { TraceStep } from '@/lib/sample/trace';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();
const tok = new ByteTokenizer();
const V = 256;

/** logits [1, T, V]: the last row gives the byte after the last input byte logit 3, the rest 0. */
function fakeClient(): ModelClient {
  return {
    load: vi.fn(async (modelId: string) => ({ modelId, info: { config: { contextLength: 128 } }, backends: ['wasm' as const] })),
    choose: vi.fn(async () => ({ backend: 'wasm' as const, workload: 'prefill' as const, reason: 'test' })),
    run: vi.fn(async (_m: string, variant: string, feeds) => {
      expect(variant).toBe('logits');
      const f = feeds[names.ids()];
      const T = f.dims[1];
      const last = Number((f.data as BigInt64Array)[T - 1]);
      const data = new Float32Array(T * V);
      data[(T - 1) * V + ((last + 1) % V)] = 3;
      return { backend: 'wasm' as const, ms: 1, outputs: { [names.logits()]: { dtype: 'float32' as const, dims: [1, T, V], data } } };
    }),
  } as unknown as ModelClient;
}

function setup(state: Partial<DecodeStepsState>, client: ModelClient) {
  const deps: Deps = { client: async () => client, tokenizer: async () => tok };
  const setState = vi.fn();
  const full = { ...decodeStepsSchema.defaults, ...state };
  const r = render(<DecodeStepsPanel state={full} setState={setState} hidden={none} locked={none} deps={deps} />);
  const rerender = (s: Partial<DecodeStepsState>) => r.rerender(<DecodeStepsPanel state={{ ...full, ...s }} setState={setState} hidden={none} locked={none} deps={deps} />);
  return { setState, rerender };
}

describe('<DecodeStepsPanel /> with a fake model client', () => {
  it('greedy generates the next bytes "bcd" after "a", one model run per token, and shows step 1 in detail', async () => {
    const client = fakeClient();
    setup({ prompt: 'a', steps: 3, temperature: 0 }, client);
    fireEvent.click(screen.getByRole('button', { name: 'Load the model' }));
    const strip = await screen.findByRole('group', { name: /Generated tokens/ });
    expect([...strip.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['b', 'c', 'd']);
    expect(client.run).toHaveBeenCalledTimes(3);
    // e³ / (e³ + 255) is the model's own probability of the preferred byte
    const p = Math.exp(3) / (Math.exp(3) + 255);
    expect(screen.getByText(/Step 1: the model saw 1 tokens/)).toHaveTextContent(`the model's own ${(p * 100).toFixed(1)}%, rank 1`);
    expect(document.querySelector('.dec-status')).toHaveTextContent('Generated 3 tokens (3 model runs)');
  });

  it('Forward and the arrow keys ask for the next step; Back is disabled on the first', async () => {
    const { setState } = setup({ prompt: 'a', steps: 3, temperature: 0 }, fakeClient());
    fireEvent.click(screen.getByRole('button', { name: 'Load the model' }));
    const strip = await screen.findByRole('group', { name: /Generated tokens/ });
    expect(screen.getByRole('button', { name: '← Back' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Forward →' }));
    expect(setState).toHaveBeenLastCalledWith({ at: 1 });
    fireEvent.keyDown(strip, { key: 'End' });
    expect(setState).toHaveBeenLastCalledWith({ at: 2 });
  });

  it('a step past the end shows the last one with a note', async () => {
    setup({ prompt: 'a', steps: 2, temperature: 0, at: 9 }, fakeClient());
    fireEvent.click(screen.getByRole('button', { name: 'Load the model' }));
    await screen.findByRole('group', { name: /Generated tokens/ });
    await waitFor(() => expect(screen.getByText(/Step 10 does not exist/)).toBeInTheDocument());
    expect(screen.getByText('Step 2 of 2')).toBeInTheDocument();
  });
});

describe('decode-steps layout', () => {
  const step: TraceStep = {
    index: 0, contextLength: 3, chosen: 5, chosenP: 0.1, chosenModelP: 0.05, chosenModelRank: 4, entropy: 1, modelEntropy: 2, kept: 3,
    top: [{ id: 1, p: 0.6, model: 0.5 }, { id: 2, p: 0.3, model: 0.3 }],
  };
  it('adds the chosen token as a last row when it is not among the top, scaled on 0..width', () => {
    const bars = stepBars(step, (id) => `t${id}`, 200);
    expect(bars.map((b) => [b.label, b.chosen, b.y, b.wp])).toEqual([['t1', false, 0, 120], ['t2', false, 22, 60], ['t5', true, 44, 20]]);
  });
  it('clamps the selected step to the last one, with a note only when it moved', () => {
    expect(clampStep(2, 5)).toEqual({ at: 2, note: null });
    expect(clampStep(7, 5).at).toBe(4);
    expect(clampStep(7, 5).note).toMatch(/Step 8 does not exist/);
  });
});

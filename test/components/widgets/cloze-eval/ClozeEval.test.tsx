// @vitest-environment jsdom
/**
 * The cloze panel against a fake model client (no worker, no ORT) and the byte tokenizer: Run
 * scores every option with one forward each; a fake that likes short options wins under the raw
 * sum and loses per token, and changing the normalisation re-ranks without running the model again.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClozePanel } from '@/components/widgets/cloze-eval/ClozeEval';
import { clozeEvalSchema, type ClozeEvalState } from '@/components/widgets/cloze-eval/index';
import type { Deps } from '@/components/lesson/live-model';
import { CLOZE_SET } from '@/lib/eval/cloze-set';
import { names } from '@/lib/model/names';
import type { ModelClient } from '@/lib/runtime/client';
import { ByteTokenizer } from '@/lib/tokenizer/byte';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();
const V = 256;

/** Every next byte gets the same logit 0 except byte 32 (space), which gets 3: options cost ln p per byte, so the shortest wins the sum. */
function fakeClient(): ModelClient {
  return {
    load: vi.fn(async (modelId: string) => ({ modelId, info: {}, backends: ['wasm' as const] })),
    choose: vi.fn(async () => ({ backend: 'wasm' as const, workload: 'prefill' as const, reason: 'test' })),
    run: vi.fn(async (_m: string, _v: string, feeds) => {
      const T = (feeds[names.ids()].data as BigInt64Array).length;
      const data = new Float32Array(T * V);
      for (let t = 0; t < T; t++) data[t * V + 32] = 3;
      return { backend: 'wasm' as const, ms: 1, outputs: { [names.logits()]: { dtype: 'float32' as const, dims: [1, T, V], data } } };
    }),
  } as unknown as ModelClient;
}

describe('<ClozePanel /> with a fake model client', () => {
  it('scores each option with one forward, and the normalisation toggle re-ranks the same scores', async () => {
    const client = fakeClient();
    const deps: Deps = { client: async () => client, tokenizer: async () => new ByteTokenizer() };
    const state: ClozeEvalState = { ...clozeEvalSchema.defaults, norm: 'sum' };
    const r = render(<ClozePanel state={state} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByText(/Done: every number/);
    expect(vi.mocked(client.run).mock.calls.length).toBe(CLOZE_SET.length * 4);
    // under the sum, the shortest option (fewest bytes) wins each item
    const picked = () => [...document.querySelectorAll('.ev-item')].map((li) => li.getAttribute('data-right'));
    const shortestIsAnswer = CLOZE_SET.map((it) => {
      const lens = it.options.map((o) => o.length);
      return lens.indexOf(Math.min(...lens)) === it.answer ? '1' : '0';
    });
    expect(picked()).toEqual(shortestIsAnswer);
    const acc = (n: string) => Number(document.querySelector(`[data-norm="${n}"]`)?.getAttribute('data-acc'));
    expect(acc('sum')).toBeCloseTo(shortestIsAnswer.filter((x) => x === '1').length / CLOZE_SET.length, 3); // shown to 4 decimals
    r.rerender(<ClozePanel state={{ ...state, norm: 'token' }} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
    expect(vi.mocked(client.run).mock.calls.length).toBe(CLOZE_SET.length * 4);
    expect(screen.getByText(/the share each option gets, per token/)).toBeTruthy();
  });
});

// @vitest-environment jsdom
/**
 * The generate panel against a fake model client (no worker, no ORT): a byte tokenizer, a
 * client that streams fixed ids and answers the tapped run with hand-made attention and logits.
 * Checks what the student sees: streamed text, badge + reason, top-10 bars with the drawn token
 * marked, a heatmap with one cell per causal (query, key) pair, and the bad states.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GeneratePanel } from '@/components/widgets/generate/Generate';
import { generateSchema, type GenerateState } from '@/components/widgets/generate/index';
import type { Deps } from '@/components/lesson/live-model';
import { names } from '@/lib/model/names';
import type { ModelClient } from '@/lib/runtime/client';
import type { WireTensor } from '@/lib/runtime/protocol';
import { ByteTokenizer } from '@/lib/tokenizer/byte';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();
const tok = new ByteTokenizer();
const V = 256;
const NEW = [...' and so'].map((c) => c.charCodeAt(0)); // 7 new tokens

/** Causal uniform attention [1, nh, T, T]: row i spreads 1/(i+1) over keys 0..i. */
function uniformAttention(nh: number, T: number): WireTensor {
  const data = new Float32Array(nh * T * T);
  for (let h = 0; h < nh; h++) for (let i = 0; i < T; i++) for (let j = 0; j <= i; j++) data[h * T * T + i * T + j] = 1 / (i + 1);
  return { dtype: 'float32', dims: [1, nh, T, T], data };
}

/** logits [1, T, V]: every row prefers byte id (row + 1) % V a little and 'o' (111) most. */
function fakeLogits(T: number): WireTensor {
  const data = new Float32Array(T * V);
  for (let t = 0; t < T; t++) {
    data[t * V + 111] = 5;
    for (let k = 0; k < 12; k++) data[t * V + 97 + k] = 1 + k * 0.1;
  }
  return { dtype: 'float32', dims: [1, T, V], data };
}

function fakeClient(over: Partial<ModelClient> = {}): ModelClient {
  return {
    load: vi.fn(async (modelId: string, o?: { onProgress?: (p: { phase: 'download'; loaded: number; total: number }) => void }) => {
      o?.onProgress?.({ phase: 'download', loaded: 10, total: 100 });
      return { modelId, info: { config: { nLayer: 2, nHead: 3, contextLength: 64 } }, backends: ['wasm' as const], webgpuReason: 'WebGPU unavailable: navigator.gpu missing' };
    }),
    setBackend: vi.fn(async () => {}),
    choose: vi.fn(async (_m: string, workload: 'prefill' | 'decode') => ({ backend: 'wasm' as const, workload, reason: 'WebGPU unavailable: navigator.gpu missing' })),
    generate: vi.fn(async (_m, req, onToken) => {
      NEW.forEach((id, index) => onToken?.({ id, index, ms: index === 0 ? 40 : 10 }));
      return { ids: [...req.prompt, ...NEW], newIds: NEW, stopReason: 'max-tokens' as const, backends: ['wasm' as const] };
    }),
    run: vi.fn(async (_m, variant, feeds) => {
      const T = feeds[names.ids()].dims[1];
      expect(variant).toBe('taps');
      return { backend: 'wasm' as const, ms: 3, outputs: { [names.logits()]: fakeLogits(T), [names.attnProbs(0)]: uniformAttention(3, T), [names.attnProbs(1)]: uniformAttention(3, T) } };
    }),
    dispose: vi.fn(async () => {}),
    ...over,
  } as ModelClient;
}

function setup(state: Partial<GenerateState>, client: ModelClient) {
  const deps: Deps = { client: async () => client, tokenizer: async () => tok };
  const setState = vi.fn();
  const full = { ...generateSchema.defaults, ...state };
  render(<GeneratePanel state={full} setState={setState} hidden={none} locked={none} deps={deps} />);
  return { setState };
}

describe('<GeneratePanel /> with a fake model client', () => {
  it('streams the continuation, then shows the backend badge, the top-10 bars and a causal heatmap', async () => {
    const client = fakeClient();
    setup({ prompt: 'Emma', temperature: 1, topK: 0, topP: 1, maxTokens: 7, seed: 9 }, client);
    fireEvent.click(screen.getByRole('button', { name: /generate/i }));
    await screen.findByRole('img', { name: /attention map of layer 0 head 0 over 11 tokens/i });

    expect(client.generate).toHaveBeenCalledWith('lm', { prompt: tok.encode('Emma'), maxNewTokens: 7, sampler: { temperature: 1 }, seed: 9 }, expect.any(Function), expect.anything());
    expect(document.querySelector('.gen-output')).toHaveTextContent('Emma and so');
    expect(document.querySelector('.gen-new')!.textContent).toBe(' and so');
    // badge: WASM, with the reason read out to screen readers
    const badge = document.querySelector('.gen-actions .badge')!;
    expect(badge.getAttribute('data-backend')).toBe('wasm');
    expect(badge).toHaveTextContent('navigator.gpu missing');
    // bars: row T-2 predicted the last token 'o' (111), the most likely token, marked as drawn
    const bars = document.querySelectorAll('.gen-bar');
    expect(bars).toHaveLength(10);
    expect(bars[0].classList.contains('gen-bar-chosen')).toBe(true);
    expect(bars[0]).toHaveTextContent('o');
    // heatmap: 11 tokens → 11·12/2 = 66 causal cells
    expect(document.querySelectorAll('.gen-heat-cell')).toHaveLength(66);
    // speed: first step 40 ms, then 6 tokens in 60 ms = 100 tokens/s
    expect(document.querySelector('.gen-speed')!.getAttribute('data-tokens-per-s')).toBe('100.00');
  });

  it('shows a progress bar with the bytes loaded while the weights download', async () => {
    let finish!: () => void;
    const base = fakeClient();
    const client = fakeClient({
      load: vi.fn(async (modelId: string, o?: { onProgress?: (p: { phase: 'download'; loaded: number; total: number }) => void }) => {
        o?.onProgress?.({ phase: 'download', loaded: 1024 * 1024, total: 4 * 1024 * 1024 });
        await new Promise<void>((r) => (finish = r));
        return base.load(modelId);
      }) as ModelClient['load'],
    });
    setup({ prompt: 'Emma' }, client);
    fireEvent.click(screen.getByRole('button', { name: /generate/i }));
    const bar = await screen.findByRole('progressbar', { name: 'Model weights (lm)' });
    expect(bar).toHaveAttribute('aria-valuenow', '25');
    expect(bar).toHaveAttribute('aria-valuetext', '1.0 MB of 4.0 MB (25%)');
    await act(async () => finish());
    await screen.findByRole('img', { name: /attention map/i });
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('asks for a layer and head through setState', async () => {
    const { setState } = setup({ prompt: 'Hi' }, fakeClient());
    fireEvent.click(screen.getByRole('button', { name: /generate/i }));
    await screen.findByLabelText('Layer');
    fireEvent.change(screen.getByLabelText('Layer'), { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText('Head'), { target: { value: '2' } });
    expect(setState.mock.calls).toEqual([[{ layer: 1 }], [{ head: 2 }]]);
  });

  it('an empty prompt shows a message and starts nothing; the typed settings stay', async () => {
    const client = fakeClient();
    const { setState } = setup({ prompt: '   ', temperature: 1.3 }, client);
    fireEvent.click(screen.getByRole('button', { name: /generate/i }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Type a prompt first');
    expect(client.load).not.toHaveBeenCalled();
    expect(setState).not.toHaveBeenCalled();
    expect(screen.getByRole('slider', { name: /Temperature/ })).toHaveValue('1.3');
  });

  it('a sha256 mismatch says the model failed its integrity check', async () => {
    const client = fakeClient({
      load: vi.fn(async () => {
        throw new Error('model.safetensors: sha256 mismatch: expected 3f23…, got 00ab… (4725832 bytes); the download is corrupt or the manifest is stale');
      }),
    });
    setup({ prompt: 'Emma' }, client);
    fireEvent.click(screen.getByRole('button', { name: /generate/i }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/did not pass its integrity check \(sha256 mismatch\)/);
    expect(client.generate).not.toHaveBeenCalled();
  });

  it('Stop aborts the running generation through its signal', async () => {
    let aborted = false;
    const client = fakeClient({
      generate: vi.fn(async (_m, req, onToken, o) => {
        onToken?.({ id: 32, index: 0, ms: 5 });
        await new Promise<void>((resolve) => o!.signal!.addEventListener('abort', () => resolve(), { once: true }));
        aborted = true;
        return { ids: [...req.prompt, 32], newIds: [32], stopReason: 'aborted' as const, backends: ['wasm' as const] };
      }),
    });
    setup({ prompt: 'Emma' }, client);
    fireEvent.click(screen.getByRole('button', { name: /generate/i }));
    const stop = screen.getByRole('button', { name: 'Stop' });
    await waitFor(() => expect(stop).toBeEnabled());
    await act(async () => fireEvent.click(stop));
    await screen.findByText(/stopped by you/);
    expect(aborted).toBe(true);
  });
});

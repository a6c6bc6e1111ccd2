// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { canSample, LiveSample, SAMPLE } from '@/components/models/LiveSample';
import type { ModelClient } from '@/lib/runtime/client';
import { ByteTokenizer } from '@/lib/tokenizer/byte';

afterEach(cleanup);
const tok = new ByteTokenizer();
const lm = { id: 'lm-draft', files: { tokenizer: 'models/tokenizer/austen-bpe-4096.json' } };

function client(): ModelClient {
  return {
    load: vi.fn(async (modelId: string) => ({ modelId, info: {}, backends: ['wasm' as const] })),
    setBackend: vi.fn(async () => {}),
    choose: vi.fn(async (_m: string, workload: 'prefill' | 'decode') => ({ backend: 'wasm' as const, workload, reason: 'WASM chosen: faster for one-token decode (measured 1 ms vs 9 ms)' })),
    generate: vi.fn(async (_m, req, onToken) => {
      const ids = tok.encode(' the sea');
      ids.forEach((id, index) => onToken?.({ id, index, ms: 10 }));
      return { ids: [...req.prompt, ...ids], newIds: ids, stopReason: 'max-tokens' as const, backends: ['wasm' as const] };
    }),
    run: vi.fn(),
    dispose: vi.fn(async () => {}),
  } as unknown as ModelClient;
}

describe('<LiveSample />', () => {
  it('offers a sample only for models that use the lab’s BPE tokenizer', () => {
    expect(canSample(lm)).toBe(true);
    expect(canSample({ id: 'tiny-random' })).toBe(false);
    const { container } = render(<LiveSample entry={{ id: 'tiny-random' }} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('runs that model with the fixed prompt and seed and shows the text, saying it is generated live', async () => {
    const c = client();
    render(<LiveSample entry={lm} deps={{ client: async () => c, tokenizer: async () => tok }} />);
    expect(screen.getByText(/Generated live in this browser/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Generate a sample' }));
    expect(await screen.findByRole('button', { name: 'Generate again' })).toBeEnabled();
    expect(c.generate).toHaveBeenCalledWith('lm-draft', { prompt: tok.encode(SAMPLE.prompt), maxNewTokens: 40, sampler: { temperature: 0.8, topK: 40 }, seed: 1234 }, expect.any(Function));
    expect(document.querySelector('.gen-new')!.textContent).toBe(' the sea');
    expect(document.querySelector('.badge')!.getAttribute('data-backend')).toBe('wasm');
  });
});

// @vitest-environment jsdom
/**
 * The speculative panel against a fake model client whose `run` is the eager TS transformer
 * (tiny-random shape, two different seeded weight sets for lm and lm-draft, KV graphs emulated):
 * no worker, no ORT. Checks what the student sees: the badge, rounds of chips with marks, the
 * stats, the data table, and that greedy output equals plain greedy output.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SpeculativePanel } from '@/components/widgets/speculative/Speculative';
import { speculativeSchema, type SpeculativeState } from '@/components/widgets/speculative/index';
import type { Deps } from '@/components/lesson/live-model';
import type { TransformerConfig } from '@/lib/model/config';
import { randomWeights } from '@/lib/model/init';
import { eagerStep, type KvCache } from '@/lib/model/kvcache';
import { names } from '@/lib/model/names';
import { presets } from '@/lib/model/presets';
import type { ModelClient } from '@/lib/runtime/client';
import type { WireTensor } from '@/lib/runtime/protocol';
import { ByteTokenizer } from '@/lib/tokenizer/byte';

afterEach(cleanup);
const none: ReadonlySet<string> = new Set();
const cfg = { ...presets['tiny-random'], contextLength: 64 } as TransformerConfig;
const weights = { lm: randomWeights(cfg, 11, { std: 0.08 }), 'lm-draft': randomWeights(cfg, 12, { std: 0.08 }) } as Record<string, ReturnType<typeof randomWeights>>;

function fakeClient(): ModelClient {
  return {
    load: vi.fn(async (modelId: string) => ({ modelId, info: { config: cfg }, backends: ['wasm' as const] })),
    setBackend: vi.fn(async () => {}),
    choose: vi.fn(async (_m: string, workload: 'prefill' | 'decode') => ({ backend: 'wasm' as const, workload, reason: 'WebGPU unavailable: navigator.gpu missing' })),
    run: vi.fn(async (modelId: string, variant: string, feeds: Record<string, WireTensor>) => {
      const ids = feeds[names.ids()];
      let cache: KvCache | undefined;
      if (variant === 'kv-decode') {
        cache = Array.from({ length: cfg.nLayer }, (_, l) => ({
          k: { data: feeds[names.pastKey(l)].data as Float32Array, shape: feeds[names.pastKey(l)].dims },
          v: { data: feeds[names.pastValue(l)].data as Float32Array, shape: feeds[names.pastValue(l)].dims },
        }));
      }
      const s = eagerStep(cfg, weights[modelId], { data: ids.data as BigInt64Array, shape: ids.dims }, cache);
      const outputs: Record<string, WireTensor> = { [names.logits()]: { dtype: 'float32', dims: s.logits.shape, data: s.logits.data } };
      s.cache.forEach((kv, l) => {
        outputs[names.presentKey(l)] = { dtype: 'float32', dims: kv.k.shape, data: kv.k.data };
        outputs[names.presentValue(l)] = { dtype: 'float32', dims: kv.v.shape, data: kv.v.data };
      });
      return { backend: 'wasm' as const, ms: 1, outputs };
    }),
    dispose: vi.fn(async () => {}),
  } as unknown as ModelClient;
}

function setup(state: Partial<SpeculativeState>) {
  const deps: Deps = { client: async () => fakeClient(), tokenizer: async () => new ByteTokenizer() };
  const full = { ...speculativeSchema.defaults, prompt: 'Hello', maxTokens: 16, ...state };
  const { container } = render(<SpeculativePanel state={full} setState={vi.fn()} hidden={none} locked={none} deps={deps} />);
  fireEvent.click(screen.getByRole('button', { name: 'Load models and run' }));
  return container;
}

describe('speculative panel', () => {
  it('greedy: shows rounds whose tokens equal plain greedy decoding, with the badge, stats and a data table', async () => {
    const c = setup({ temperature: 0, k: 3 });
    await waitFor(() => expect(c.querySelector('.spec[data-phase="done"]')).not.toBeNull(), { timeout: 20_000 });
    const text = c.querySelector('.spec-text')!;
    expect(text.getAttribute('data-ids')!.split(',')).toHaveLength(16);
    expect(text.getAttribute('data-ids')).toBe(text.getAttribute('data-plain-ids'));
    expect(c.querySelector('.spec .badge')?.getAttribute('data-backend')).toBe('wasm');
    const rounds = Number(c.querySelector('.spec-stats')!.getAttribute('data-rounds'));
    expect(c.querySelectorAll('.spec-round')).toHaveLength(rounds);
    expect(c.querySelectorAll('.spec-table tbody tr')).toHaveLength(rounds);
    for (const chip of c.querySelectorAll('.spec-rounds .spec-chip')) {
      const kind = chip.getAttribute('data-kind')!;
      expect(chip.querySelector('.spec-mark')?.textContent).toBe({ accepted: '✓', rejected: '✗', unchecked: '–', resampled: '↺', bonus: '+' }[kind]);
      expect(chip.textContent).toMatch(/\(.+\)$/); // the kind in words, for screen readers
    }
    expect(screen.getByText('Speed-up')).toBeTruthy();
  }, 30_000);

  it('an empty prompt asks for text instead of running', async () => {
    setup({ prompt: '   ' });
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', expect.stringMatching(/Type a prompt/));
  });
});

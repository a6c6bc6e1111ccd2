/**
 * A fake model client for widget tests (no worker, no ORT): every run returns logits [1, T, V] that
 * are 0 except at the true next token (the next id of the feed), where the logit is `logitOf[variant]`,
 * so the loss of each variant is known in closed form (`nllOf`). `gate` holds every run until it resolves.
 */
import { vi } from 'vitest';
import { names } from '@/lib/model/names';
import type { ModelClient } from '@/lib/runtime/client';

export const FAKE_V = 4096;

/** −log softmax at the true token when it has logit a and the other V − 1 have 0. */
export const nllOf = (a: number) => -Math.log(Math.exp(a) / (Math.exp(a) + FAKE_V - 1));

export function fakeLogitsClient(logitOf: Record<string, number>, reason: string, gate?: Promise<void>): ModelClient {
  return {
    load: vi.fn(async (modelId: string) => ({ modelId, info: {}, backends: ['wasm' as const] })),
    choose: vi.fn(async () => ({ backend: 'wasm' as const, workload: 'prefill' as const, reason })),
    run: vi.fn(async (_m: string, variant: string, feeds) => {
      if (gate) await gate;
      const ids = feeds[names.ids()].data as BigInt64Array;
      const T = ids.length;
      const data = new Float32Array(T * FAKE_V);
      for (let t = 0; t + 1 < T; t++) data[t * FAKE_V + Number(ids[t + 1])] = logitOf[variant];
      return { backend: 'wasm' as const, ms: 1, outputs: { [names.logits()]: { dtype: 'float32' as const, dims: [1, T, FAKE_V], data } } };
    }),
    releaseVariant: vi.fn(async () => 1),
  } as unknown as ModelClient;
}

// A fake model client for the attention widgets' render tests: a real (tiny, seeded-random)
// Transformer run by the eager TS forward, so the taps are self-consistent like the real ones.
import { vi } from 'vitest';
import type { TransformerConfig } from '@/lib/model/config';
import { EagerOps } from '@/lib/model/eager';
import { randomWeights } from '@/lib/model/init';
import { transformer } from '@/lib/model/transformer';
import { ids as idsTensor } from '@/lib/tensor';
import type { ModelClient } from '@/lib/runtime/client';
import type { WireTensor } from '@/lib/runtime/protocol';

export const tinyCfg: TransformerConfig = {
  vocabSize: 4096, contextLength: 256, nLayer: 2, dModel: 16, nHead: 4, nKvHead: 2, dFF: 24,
  norm: 'rmsnorm', normEps: 1e-5, position: 'rope', rope: { base: 10000 }, mlp: 'swiglu', tiedEmbeddings: true, bias: false,
};
const weights = randomWeights(tinyCfg, 3, { std: 0.3, normStd: 0.1 });

export function fakeClient(): ModelClient {
  return {
    load: vi.fn(async (modelId: string) => ({ modelId, info: { config: tinyCfg }, backends: ['wasm' as const] })),
    setBackend: vi.fn(async () => {}),
    choose: vi.fn(async () => ({ backend: 'wasm' as const, workload: 'prefill' as const, reason: 'WebGPU unavailable: navigator.gpu missing' })),
    generate: vi.fn(),
    run: vi.fn(async (_m: string, variant: string, feeds: Record<string, WireTensor>, opts?: { backend?: 'wasm' | 'webgpu' }) => {
      if (variant !== 'taps') throw new Error(`unexpected variant ${variant}`);
      const ids = Array.from(feeds.ids.data as BigInt64Array, Number);
      const ops = new EagerOps(weights, { taps: true });
      const { logits } = transformer(ops, tinyCfg, idsTensor(ids));
      const outputs: Record<string, WireTensor> = { logits: { dtype: 'float32', dims: [...logits.shape], data: logits.data as Float32Array } };
      for (const [k, t] of ops.trace) outputs[k] = { dtype: 'float32', dims: [...t.shape], data: t.data as Float32Array };
      return { backend: opts?.backend ?? 'wasm', ms: 3, outputs };
    }),
    dispose: vi.fn(async () => {}),
  } as unknown as ModelClient;
}

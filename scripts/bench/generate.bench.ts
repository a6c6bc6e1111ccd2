/**
 * Generate throughput in Node (one run, ratios only):
 *   tokens/s of lib/sample's `generate` (greedy, 16-token prompt, 64 new tokens) on the
 *   'lm-shape' preset (~4.8 M params, seeded random weights) over
 *     (a) the eager TS forward with a KV cache (lib/model/kvcache eagerStep), and
 *     (b) ORT WASM (1 thread) through lib/runtime's Runtime: kv-prefill then kv-decode steps.
 *   Both paths must produce the same ids (checked, printed).
 *
 *   npm run bench -- generate
 */
import * as ort from 'onnxruntime-web';
import type { TransformerConfig } from '../../lib/model/config';
import { eagerStep, type KvCache } from '../../lib/model/kvcache';
import { generate, type GenerateResult } from '../../lib/sample';
import { Runtime, type OrtModule } from '../../lib/runtime';
import { lastLogits, randomPresetModel, randomPresetWeights } from '../../lib/runtime/transformer';

const PROMPT = Array.from({ length: 16 }, (_, i) => (i * 7919 + 13) % 2048);
const NEW_TOKENS = 64;

async function timed(run: () => Promise<GenerateResult>): Promise<{ result: GenerateResult; tokPerS: number; ms: number }> {
  const t0 = performance.now();
  const result = await run();
  const ms = performance.now() - t0;
  return { result, ms, tokPerS: (result.newIds.length / ms) * 1000 };
}

function eagerStepper(cfg: TransformerConfig, weights: ReturnType<typeof randomPresetWeights>['weights']) {
  let cache: KvCache | undefined;
  let seen = 0;
  return (all: readonly number[]) => {
    const fresh = all.slice(seen);
    const step = eagerStep(cfg, weights, { data: BigInt64Array.from(fresh, BigInt), shape: [1, fresh.length] }, cache);
    cache = step.cache;
    seen = all.length;
    return lastLogits({ dtype: 'float32', dims: step.logits.shape, data: step.logits.data as Float32Array });
  };
}

export default async function bench(): Promise<void> {
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
  const { config, weights } = randomPresetWeights('lm-shape');

  // (a) eager, warm-up on a short run first
  await generate({ nextLogits: eagerStepper(config, weights), prompt: PROMPT, maxNewTokens: 2 });
  const eager = await timed(() => generate({ nextLogits: eagerStepper(config, weights), prompt: PROMPT, maxNewTokens: NEW_TOKENS }));

  // (b) ORT WASM via the Runtime (no navigator.gpu in Node: WASM for both workloads)
  const rt = new Runtime({ provider: async () => randomPresetModel('lm-shape'), ort: async () => ort as unknown as OrtModule, navigator: {} });
  await rt.load('random:lm-shape');
  await rt.generate('random:lm-shape', { prompt: PROMPT, maxNewTokens: 2 }); // warm-up: graph build + sessions
  const orts = await timed(() => rt.generate('random:lm-shape', { prompt: PROMPT, maxNewTokens: NEW_TOKENS }));
  await rt.dispose();

  const same = eager.result.newIds.join() === orts.result.newIds.join();
  console.log(`generate: lm-shape (${config.nLayer}×${config.dModel}, V=${config.vocabSize}), prompt ${PROMPT.length}, ${NEW_TOKENS} new tokens, greedy`);
  console.table([
    { path: 'eager TS + KV cache', 'ms total': eager.ms.toFixed(0), 'tokens/s': eager.tokPerS.toFixed(1) },
    { path: 'ORT WASM (Runtime, kv-prefill + kv-decode)', 'ms total': orts.ms.toFixed(0), 'tokens/s': orts.tokPerS.toFixed(1) },
  ]);
  console.log(`ORT WASM ÷ eager tokens/s: ${(orts.tokPerS / eager.tokPerS).toFixed(2)}×   same ids on both paths: ${same ? 'yes' : 'NO'}`);
}

/**
 * generate over a model's step function (lib/sample's loop), for the Runtime: the stepper gets
 * the runtime's three ways to run (plain run, run keeping state on the device, a lent WebGPU
 * step decoder) and its current backend per workload; whatever it holds on the GPU is freed when
 * the generation ends or fails.
 */
import { mulberry32 } from '@/lib/tensor';
import { generate, type GenerateResult, type SamplerOptions, type TokenEvent } from '@/lib/sample';
import type { BackendFor, LoadedModel, RunFn, StateRunFn, StepLender } from './model';
import { yieldToEventLoop } from './yield';

export interface GenerateRequest {
  prompt: number[];
  maxNewTokens: number;
  sampler?: SamplerOptions;
  seed?: number;
  stopIds?: number[];
}

export async function generateWith(modelId: string, model: LoadedModel, ways: { run: RunFn; keepRun: StateRunFn; lendStep: StepLender; backendFor?: BackendFor }, req: GenerateRequest, onToken?: (e: TokenEvent) => void, signal?: AbortSignal): Promise<GenerateResult> {
  if (!model.stepper) throw new Error(`model "${modelId}" cannot generate (no step function)`);
  const stepper = model.stepper(ways.run, ways.keepRun, ways.lendStep, ways.backendFor);
  const cache = stepper.newCache();
  try {
    return await generate(
      {
        // yield first, so a 'cancel' message can land between tokens
        nextLogits: async (ids, c) => {
          await yieldToEventLoop();
          // cancelled meanwhile (e.g. the click that stops prefetch's warm-up): skip the step,
          // whose logits generate would discard, so no session is created or run in the click's way
          if (signal?.aborted) return new Float32Array(0);
          return stepper.nextLogits(ids, c);
        },
        cache,
        prompt: req.prompt,
        maxNewTokens: req.maxNewTokens,
        sampler: req.sampler ?? { temperature: 0 },
        rng: mulberry32(req.seed ?? 0),
        stopIds: req.stopIds,
        contextLength: model.contextLength,
        signal,
      },
      onToken,
    );
  } finally {
    stepper.dispose?.(cache); // GPU-held KV buffers, a lent step decoder
  }
}

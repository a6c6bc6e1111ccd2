/**
 * The deterministic tiny random model: preset 'tiny-random', weights from mulberry32(seed),
 * serialized as F32 safetensors. scripts/make-tiny-random.ts writes it to models/tiny-random/;
 * a test regenerates it and checks the committed bytes' sha256.
 */
import { presets } from './presets';
import { paramCount, randomWeights, weightShapes } from './init';
import { writeSafetensors } from './safetensors';
import type { TransformerConfig } from './config';

export const TINY_RANDOM_SEED = 20261124;
/** Init std: larger than GPT-2's 0.02 so attention patterns are visibly non-uniform. */
export const TINY_RANDOM_STD = 0.08;

export function tinyRandomModel(): { config: TransformerConfig; bytes: Uint8Array; params: number } {
  const config = { ...presets['tiny-random'] } as TransformerConfig;
  const w = randomWeights(config, TINY_RANDOM_SEED, { std: TINY_RANDOM_STD });
  const bytes = writeSafetensors(
    weightShapes(config).map(([name]) => [name, w.get(name)!]),
    { format: 'pt', model: 'tiny-random', seed: String(TINY_RANDOM_SEED) },
  );
  return { config, bytes, params: paramCount(config) };
}

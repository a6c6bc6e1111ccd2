/**
 * Writes models/tiny-random/{model.safetensors, config.json, manifest.json}: a seeded random
 * Transformer (preset 'tiny-random') for tests and demos that need weights but no training.
 * Deterministic: rerunning produces identical bytes (test/lib/model/tiny-random.test.ts checks).
 *
 *   npx tsx scripts/make-tiny-random.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../lib/model/weights';
import { TINY_RANDOM_SEED, TINY_RANDOM_STD, tinyRandomModel } from '../lib/model/tiny-random';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'models', 'tiny-random');
mkdirSync(dir, { recursive: true });
const { config, bytes, params } = tinyRandomModel();
writeFileSync(join(dir, 'model.safetensors'), bytes);
writeFileSync(join(dir, 'config.json'), JSON.stringify(config, null, 2) + '\n');
const manifest = {
  id: 'tiny-random',
  config: 'config.json',
  weights: 'model.safetensors',
  bytes: bytes.length,
  sha256: await sha256Hex(bytes),
  params,
  dtype: 'F32',
  corpus: 'none (random weights, untrained)',
  licence: 'CC0-1.0',
  recipe: `npx tsx scripts/make-tiny-random.ts (mulberry32 seed ${TINY_RANDOM_SEED}, N(0, ${TINY_RANDOM_STD}²) weights, norm weights 1)`,
  metrics: null,
};
writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`wrote ${dir}: ${bytes.length} bytes, ${params} params, sha256 ${manifest.sha256}`);

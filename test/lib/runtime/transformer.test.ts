import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eagerStep } from '@/lib/model/kvcache';
import { randomWeights } from '@/lib/model/init';
import { presets } from '@/lib/model/presets';
import type { TransformerConfig } from '@/lib/model/config';
import { generate } from '@/lib/sample';
import { mulberry32 } from '@/lib/tensor';
import { Runtime, type Progress } from '@/lib/runtime';
import { fetchTransformer, idsTensor, lastLogits, RANDOM_PRESET_SEED, randomPresetModel } from '@/lib/runtime/transformer';
import { countingOrt } from './nodeOrt';

const cfg = { ...presets['tiny-random'] } as TransformerConfig;
const weights = randomWeights(cfg, RANDOM_PRESET_SEED);
const ids = (xs: number[]) => ({ data: BigInt64Array.from(xs.map(BigInt)), shape: [1, xs.length] });

function runtime() {
  return new Runtime({ provider: async (id) => randomPresetModel(id.replace('random:', '')), ort: countingOrt().load, navigator: {} });
}

describe('transformer models in the Runtime (ORT WASM vs the eager TS forward)', () => {
  it('the logits graph matches the eager forward within 1e-4', async () => {
    const rt = runtime();
    await rt.load('random:tiny-random');
    const prompt = [5, 17, 200, 3, 42];
    const r = await rt.run('random:tiny-random', 'logits', { ids: idsTensor(prompt) });
    const eager = eagerStep(cfg, weights, ids(prompt)).logits; // [1, T, V]
    expect(r.outputs.logits.dims).toEqual(eager.shape);
    const got = r.outputs.logits.data as Float32Array;
    let maxErr = 0;
    for (let i = 0; i < got.length; i++) maxErr = Math.max(maxErr, Math.abs(got[i] - eager.data[i]));
    expect(maxErr).toBeLessThan(1e-4);
  });

  it('seeded sampling through the KV cache (on WASM the prompt runs through kv-decode on an empty cache) draws the same ids as the eager KV-cache loop', async () => {
    const rt = runtime();
    await rt.load('random:tiny-random');
    const prompt = [1, 2, 3, 4];
    const ort = await rt.generate('random:tiny-random', { prompt, maxNewTokens: 12, sampler: { temperature: 1 }, seed: 3 });
    let cache: ReturnType<typeof eagerStep>['cache'] | undefined;
    let seen = 0;
    const eager = await generate({
      prompt, maxNewTokens: 12, sampler: { temperature: 1 }, rng: mulberry32(3),
      nextLogits: (all) => {
        const step = eagerStep(cfg, weights, ids(all.slice(seen)), cache);
        cache = step.cache;
        seen = all.length;
        return lastLogits({ dtype: 'float32', dims: step.logits.shape, data: step.logits.data as Float32Array });
      },
    });
    expect(ort.newIds).toEqual(eager.newIds);
    expect(new Set(ort.newIds).size).toBeGreaterThan(1); // not a degenerate constant stream
  });

  it('a WASM generate creates one session (kv-decode serves the prompt too); kv-prefill is made only when asked for', async () => {
    const counting = countingOrt();
    const rt = new Runtime({ provider: async (id) => randomPresetModel(id.replace('random:', '')), ort: counting.load, navigator: {} });
    await rt.load('random:tiny-random');
    const before = counting.creates.length;
    const g = await rt.generate('random:tiny-random', { prompt: [7, 3, 9, 1, 4], maxNewTokens: 6 });
    expect(g.backends).toEqual(['wasm']);
    expect(counting.creates.length - before).toBe(1); // no kv-prefill session between the prompt and token 2
    await rt.run('random:tiny-random', 'kv-prefill', { ids: idsTensor([7, 3, 9, 1, 4]) });
    expect(counting.creates.length - before).toBe(2); // now it exists: it was not made before
  });
});

describe('fetchTransformer (models/tiny-random from disk through a stubbed fetch)', () => {
  const root = join(process.cwd(), 'models');
  const serve = (corrupt = false) => async (url: string) => {
    const file = readFileSync(join(root, url.replace('/models/', '')));
    if (corrupt && url.endsWith('.safetensors')) file[file.length - 1] ^= 0xff;
    return new Response(file, { headers: { 'content-length': String(file.length) } });
  };
  afterEach(() => vi.unstubAllGlobals());

  it('downloads with progress, verifies sha256 and describes the model', async () => {
    vi.stubGlobal('fetch', serve());
    const seen: Progress[] = [];
    const m = await fetchTransformer('tiny-random', '/models/', (p) => seen.push(p));
    expect(m.info.params).toBe(90432);
    const dl = seen.filter((p) => p.phase === 'download');
    expect(dl.at(-1)).toMatchObject({ loaded: 363536, total: 363536, file: 'model.safetensors' });
    expect(seen.at(-1)).toEqual({ phase: 'verify', loaded: 1, total: 1, file: 'model.safetensors' });
  });

  it('refuses a corrupted download with a sha256 mismatch', async () => {
    vi.stubGlobal('fetch', serve(true));
    await expect(fetchTransformer('tiny-random', '/models/', () => {})).rejects.toThrow(/sha256 mismatch/);
  });
});

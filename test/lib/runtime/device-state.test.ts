/**
 * The KV cache kept on the GPU between WebGPU steps (lib/runtime/device-tensor.ts): with Node's
 * ORT standing in for WebGPU (fakeGpuOrt: present.* come back as fake GPU buffers that cannot be
 * read without a counted download and cannot be fed to a WASM session), generate must draw the
 * same ids as on WASM, read no cache back, and free every buffer it was handed.
 */
import { describe, expect, it, vi } from 'vitest';
import { decisionKey, memoryStore, REMEMBERED, Runtime, toWire, type Feed, type WireTensor } from '@/lib/runtime';
import type { StepDecoder } from '@/lib/runtime/model';
import { kvStepper, randomPresetModel, randomPresetWeights } from '@/lib/runtime/transformer';
import { stepNames } from '@/lib/model/build';
import { names } from '@/lib/model/names';
import { stepCacheDims, writePrefix } from '@/lib/model/step-cache';
import { inplaceFeed } from '../model/step-feed';
import { run, session } from '../model/ort';
import { presets } from '@/lib/model/presets';
import type { TransformerConfig } from '@/lib/model/config';
import { countingOrt, fakeGpuOrt } from './nodeOrt';

const ID = 'random:tiny-random';
const cfg = { ...presets['tiny-random'] } as TransformerConfig;
const gpuNav = { gpu: { requestAdapter: async () => ({ info: { vendor: 'fake' } }) } };
const prompt = [5, 17, 200, 3, 42, 9];
const req = { prompt, maxNewTokens: 8, sampler: { temperature: 1 }, seed: 7 };

function runtime(deviceState = true) {
  const fake = fakeGpuOrt();
  const rt = new Runtime({ provider: async (id) => randomPresetModel(id.replace('random:', '')), ort: fake.load, navigator: gpuNav, deviceState });
  return { rt, stats: fake.stats };
}

async function wasmIds(): Promise<number[]> {
  const rt = new Runtime({ provider: async (id) => randomPresetModel(id.replace('random:', '')), ort: countingOrt().load, navigator: {} });
  await rt.load(ID);
  return (await rt.generate(ID, req)).newIds;
}

/** The step decoder's contract on the CPU: the model's own 'kv-step' graph (cache 'inplace' here) on ORT WASM over Float32Array caches. */
async function cpuStepDecoder(): Promise<StepDecoder & { steps: number }> {
  const { config } = randomPresetWeights('tiny-random');
  const s = await session(await randomPresetModel('tiny-random').graph('kv-step'));
  expect(s.inputNames).toContain(stepNames.seqlensK);
  const [, nkv, C, hs] = stepCacheDims(config);
  let cache: { k: Float32Array; v: Float32Array }[] = Array.from({ length: config.nLayer }, () => ({ k: new Float32Array(nkv * C * hs), v: new Float32Array(nkv * C * hs) }));
  const d = {
    steps: 0,
    async load(past: Record<string, Feed>, T: number) {
      for (let l = 0; l < config.nLayer; l++) {
        writePrefix(cache[l].k, (await toWire(past[names.pastKey(l)])).data as Float32Array, nkv, C, hs, T);
        writePrefix(cache[l].v, (await toWire(past[names.pastValue(l)])).data as Float32Array, nkv, C, hs, T);
      }
    },
    async step(token: number, p: number) {
      const out = await run(s, inplaceFeed(token, p, cache, nkv, C, hs));
      cache = cache.map((_, l) => ({ k: out[names.presentKey(l)].data, v: out[names.presentValue(l)].data })); // the cache with slot p written
      d.steps++;
      return out[names.logits()].data;
    },
    async stepFeeds(): Promise<Float32Array> {
      throw new Error('not used');
    },
    release: () => s.release(),
  };
  return d;
}

describe('KV cache kept on the GPU between WebGPU decode steps', () => {
  it('generate on WebGPU hands the cache to a lent step decoder after the prefill and draws the WASM ids', async () => {
    const dec = await cpuStepDecoder();
    const fake = fakeGpuOrt();
    const rt = new Runtime({ provider: async () => ({ ...randomPresetModel('tiny-random'), stepDecoder: async () => dec }), ort: fake.load, navigator: gpuNav });
    await rt.load(ID);
    rt.setPreference('webgpu');
    const g = await rt.generate(ID, req);
    expect(g.newIds).toEqual(await wasmIds());
    expect(g.backends).toEqual(['webgpu']);
    expect(dec.steps).toBe(7); // every decode step after the prefill
    expect(g.stepped).toBe(7); // and the result says so
    expect(fake.stats.made).toBe(2 * cfg.nLayer); // only the prefill's present.*, moved into the decoder and freed
    expect(fake.stats.disposed).toBe(fake.stats.made);
    // a second generation borrows the same decoder again
    await rt.generate(ID, req);
    expect(dec.steps).toBe(14);
  });

  it('a WebGPU decode choice remembered from an earlier visit makes the step decoder in idle time, and later generations decode on it', async () => {
    const dec = await cpuStepDecoder();
    let made = 0;
    const store = memoryStore();
    const rt = new Runtime({ provider: async () => ({ ...randomPresetModel('tiny-random'), stepDecoder: async () => (made++, dec) }), ort: fakeGpuOrt().load, navigator: gpuNav, store, idleMs: 0 });
    await rt.load(ID);
    const remembered = { backend: 'webgpu' as const, workload: 'decode' as const, reason: 'WebGPU chosen: faster for one-token decode (measured 1 ms vs 2 ms)', timings: { wasm: 2, webgpu: 1 } };
    await store.set(decisionKey(ID, 'decode', (await rt.probe()).reason), remembered);
    expect((await rt.choose(ID, 'decode')).reason).toContain(REMEMBERED); // answered from the store: no calibration runs
    await vi.waitFor(() => expect(made).toBe(1), { timeout: 20_000 }); // the background job made it
    const g = await rt.generate(ID, req);
    expect(g.stepped).toBe(7);
    expect(g.newIds).toEqual(await wasmIds());
  });

  it('a step decoder that fails to start leaves decode on the session path, with the same ids', async () => {
    const fake = fakeGpuOrt();
    let tries = 0;
    const rt = new Runtime({ provider: async () => ({ ...randomPresetModel('tiny-random'), stepDecoder: async () => (tries++, Promise.reject(new Error('no device'))) }), ort: fake.load, navigator: gpuNav });
    await rt.load(ID);
    rt.setPreference('webgpu');
    expect((await rt.generate(ID, req)).newIds).toEqual(await wasmIds());
    await rt.generate(ID, req);
    expect(tries).toBe(1); // not retried
    expect(fake.stats.fedOnDevice).toBe(2 * 7 * 2 * cfg.nLayer);
  });

  it('generate on WebGPU feeds present.* back without reading them, draws the WASM ids and frees every buffer', async () => {
    const { rt, stats } = runtime();
    await rt.load(ID);
    rt.setPreference('webgpu');
    const g = await rt.generate(ID, req);
    expect(g.backends).toEqual(['webgpu']);
    expect(g.newIds).toEqual(await wasmIds());
    // 1 prefill + 7 decode steps, each leaving 2 × nLayer cache tensors on the device
    expect(stats.made).toBe(8 * 2 * cfg.nLayer);
    expect(stats.fedOnDevice).toBe(7 * 2 * cfg.nLayer);
    expect(stats.downloads).toBe(0);
    expect(stats.disposed).toBe(stats.made);
  });

  it('with deviceState false (the old path) nothing stays on the device and the ids are the same', async () => {
    const { rt, stats } = runtime(false);
    await rt.load(ID);
    rt.setPreference('webgpu');
    const g = await rt.generate(ID, req);
    expect(g.newIds).toEqual(await wasmIds());
    expect(stats.made).toBe(0);
  });

  it('a WebGPU prefill followed by WASM decode steps reads the cache back once and gives the WASM logits', async () => {
    const { rt, stats } = runtime();
    await rt.load(ID);
    const split = kvStepper(cfg, (v, f, w) => rt.run(ID, v, f, w, 'wasm').then((r) => r.outputs), (v, f, w, keep) => rt.runFeeds(ID, v, f, w, w === 'prefill' ? 'webgpu' : 'wasm', keep).then((r) => r.outputs));
    const plain = kvStepper(cfg, (v, f, w) => rt.run(ID, v, f, w, 'wasm').then((r) => r.outputs));
    const [a, b] = [split.newCache(), plain.newCache()];
    const seq = [...prompt];
    for (let i = 0; i < 4; i++) {
      const [x, y] = [await split.nextLogits(seq, a), await plain.nextLogits(seq, b)];
      let maxErr = 0;
      for (let j = 0; j < x.length; j++) maxErr = Math.max(maxErr, Math.abs(x[j] - y[j]));
      expect(maxErr).toBeLessThan(1e-5);
      seq.push(i + 1);
    }
    split.dispose!(a);
    expect(stats.made).toBe(2 * cfg.nLayer); // the prefill's cache only
    expect(stats.downloads).toBe(2 * cfg.nLayer); // read back once, by the first WASM decode
    expect(stats.disposed).toBe(stats.made);
  });

  it('run() from the page still answers every output on the CPU, present.* included', async () => {
    const { rt, stats } = runtime();
    await rt.load(ID);
    const r = await rt.run(ID, 'kv-prefill', { ids: { dtype: 'int64', dims: [1, 3], data: BigInt64Array.of(1n, 2n, 3n) } }, 'prefill', 'webgpu');
    const k: WireTensor = r.outputs['present.0.key'];
    expect(k.data).toBeInstanceOf(Float32Array);
    expect(k.dims).toEqual([1, cfg.nKvHead, 3, cfg.dModel / cfg.nHead]);
    expect(stats.downloads).toBe(2 * cfg.nLayer);
    expect(stats.disposed).toBe(stats.made);
    const ids: Feed = { dtype: 'int64', dims: [1, 1], data: BigInt64Array.of(4n) };
    const kept = await rt.runFeeds(ID, 'kv-prefill', { ids }, 'prefill', 'wasm', ['present.0.key']);
    expect((kept.outputs['present.0.key'] as WireTensor).data).toBeInstanceOf(Float32Array); // WASM keeps nothing on a device
  });

  it('a device lost mid-generation (cache on the GPU) re-prefills on WASM, draws the WASM ids and says so', async () => {
    let lost = false;
    const fake = fakeGpuOrt({ lost: () => lost });
    const rt = new Runtime({ provider: async (id) => randomPresetModel(id.replace('random:', '')), ort: fake.load, navigator: gpuNav });
    await rt.load(ID);
    rt.setPreference('webgpu');
    let n = 0;
    const g = await rt.generate(ID, req, () => {
      if (++n === 3) lost = true; // after the third token: present.* of the last step are GPU buffers
    });
    expect(g.newIds).toEqual(await wasmIds());
    expect(g.fallback).toMatch(/^WebGPU stopped working \(GPUDevice was lost/);
    expect(g.backends).toContain('wasm');
    expect(fake.stats.disposed).toBe(fake.stats.made);
  });
});

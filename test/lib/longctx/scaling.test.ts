import { describe, expect, it } from 'vitest';
import { eagerStep } from '@/lib/model/kvcache';
import { randomWeights } from '@/lib/model/init';
import { presets } from '@/lib/model/presets';
import type { TransformerConfig } from '@/lib/model/config';
import { Runtime } from '@/lib/runtime';
import { idsTensor, RANDOM_PRESET_SEED, randomPresetModel } from '@/lib/runtime/transformer';
import { parseScaledVariant, scaledVariant, scalingFor, withRule } from '@/lib/longctx/scaling';
import { countingOrt } from '../runtime/nodeOrt';
import { inProcessWorker } from '../runtime/channel';
import { createModelClient } from '@/lib/runtime/client';

const cfg = { ...presets['tiny-random'] } as TransformerConfig; // RoPE, context 64
const ids = (xs: number[]) => ({ data: BigInt64Array.from(xs.map(BigInt)), shape: [1, xs.length] });

describe('scaling rules as data', () => {
  it('builds the scaling block of each rule; YaRN takes the training context as L_orig', () => {
    expect(scalingFor('none', 4, 256)).toEqual({ kind: 'none' });
    expect(scalingFor('pi', 2, 256)).toEqual({ kind: 'pi', factor: 2 });
    expect(scalingFor('ntk', 3, 256)).toEqual({ kind: 'ntk', factor: 3 });
    expect(scalingFor('yarn', 4, 256)).toEqual({ kind: 'yarn', factor: 4, originalContext: 256 });
    expect(() => scalingFor('pi', 0.5, 256)).toThrow(/≥ 1/);
  });
  it('applies a rule to a RoPE config only', () => {
    expect(withRule(cfg, 'yarn', 2).rope?.scaling).toEqual({ kind: 'yarn', factor: 2, originalContext: 64 });
    expect(cfg.rope?.scaling).toBeUndefined(); // not mutated
    expect(() => withRule({ ...cfg, position: 'alibi' }, 'pi', 2)).toThrow(/RoPE model/);
  });
  it('names variants and reads them back; none or factor 1 is the plain variant', () => {
    expect(scaledVariant('logits', 'yarn', 4)).toBe('logits@yarn:4');
    expect(scaledVariant('logits', 'pi', 2.5)).toBe('logits@pi:2.5');
    expect(scaledVariant('logits', 'none', 4)).toBe('logits');
    expect(scaledVariant('logits', 'ntk', 1)).toBe('logits');
    expect(parseScaledVariant('logits@pi:2.5')).toEqual({ base: 'logits', kind: 'pi', factor: 2.5 });
    expect(parseScaledVariant('kv-prefill@ntk:8')).toEqual({ base: 'kv-prefill', kind: 'ntk', factor: 8 });
    for (const bad of ['logits', 'logits@foo:2', 'logits@pi:', 'logits@pi:0.5', 'logits@pi:1e3']) expect(parseScaledVariant(bad)).toBeNull();
  });
});

describe('scaled variants in the model worker runtime', () => {
  it("'logits@yarn:4' runs the YaRN graph: ORT WASM matches the eager forward of the YaRN config within 1e-4, and differs from plain", async () => {
    const rt = new Runtime({ provider: async (id) => randomPresetModel(id.replace('random:', '')), ort: countingOrt().load, navigator: {} });
    await rt.load('random:tiny-random');
    const prompt = Array.from({ length: 100 }, (_, i) => (i * 37 + 5) % 256); // past the 64-token context
    const r = await rt.run('random:tiny-random', 'logits@yarn:4', { ids: idsTensor(prompt) });
    const w = randomWeights(cfg, RANDOM_PRESET_SEED);
    const eager = eagerStep(withRule(cfg, 'yarn', 4), w, ids(prompt)).logits.data;
    const plain = eagerStep(cfg, w, ids(prompt)).logits.data;
    const got = r.outputs.logits.data as Float32Array;
    let err = 0, diff = 0;
    for (let i = 0; i < got.length; i++) {
      err = Math.max(err, Math.abs(got[i] - eager[i]));
      diff = Math.max(diff, Math.abs(got[i] - plain[i]));
    }
    expect(err).toBeLessThan(1e-4);
    expect(diff).toBeGreaterThan(1e-3); // random weights: small logits, but 50× the parity error
    expect(await rt.releaseVariant('random:tiny-random', 'logits@yarn:4')).toBe(1);
    expect(await rt.releaseVariant('random:tiny-random', 'logits@yarn:4')).toBe(0);
  });
  it('rejects an unknown base variant with the scaled form in the message', async () => {
    const m = randomPresetModel('tiny-random');
    expect(() => m.graph('nope@pi:2')).toThrow(/@pi\|ntk\|yarn/);
  });

  it('the client releases one variant through the worker protocol and keeps the model loaded', async () => {
    const client = createModelClient({ worker: inProcessWorker(async (id) => randomPresetModel(id.replace('random:', ''))) });
    await client.load('random:tiny-random');
    const feed = { ids: idsTensor([1, 2, 3]) };
    await client.run('random:tiny-random', 'logits@pi:2', feed);
    await client.run('random:tiny-random', 'logits', feed);
    expect(await client.releaseVariant('random:tiny-random', 'logits@pi:2')).toBe(1);
    const again = await client.run('random:tiny-random', 'logits', feed); // still loaded, plain session kept
    expect(again.outputs.logits.dims).toEqual([1, 3, 256]);
    await client.dispose();
  });
});

// The fixed-capacity 'step' graph (static shapes, for WebGPU graph capture) decodes like the eager KV cache.
import { describe, expect, it } from 'vitest';
import { ids } from '@/lib/tensor';
import { buildTransformerModel, stepNames } from '@/lib/model/build';
import { randomWeights } from '@/lib/model/init';
import { eagerStep } from '@/lib/model/kvcache';
import { names } from '@/lib/model/names';
import { presets } from '@/lib/model/presets';
import type { TransformerConfig } from '@/lib/model/config';
import { fitsInplace, stepCacheDims, visibleMask, writePrefix, writeSlot } from '@/lib/model/step-cache';
import { inplaceFeed, stepFeed } from './step-feed';
import { run, session } from './ort';
import { maxErr } from './compare';

const cfg = { ...presets['tiny-random'] } as TransformerConfig;
const w = randomWeights(cfg, 5);
const seq = [5, 2, 7, 1, 8, 2, 8, 1, 8, 30];

/** Fixed-capacity caches holding an eager prefill's P tokens in slots 0..P-1 and garbage in the empty slots. */
function prefilled(cfg: TransformerConfig, eager: ReturnType<typeof eagerStep>['cache'], P: number): { k: Float32Array; v: Float32Array }[] {
  const [, nkv, C, hs] = stepCacheDims(cfg);
  return eager.map((kv) => {
    const k = new Float32Array(nkv * C * hs).fill(7), v = new Float32Array(nkv * C * hs).fill(-3);
    writePrefix(k, kv.k.data as Float32Array, nkv, C, hs, P);
    writePrefix(v, kv.v.data as Float32Array, nkv, C, hs, P);
    return { k, v };
  });
}

describe('fixed-capacity step graph', () => {
  it.each([
    ['fused (contrib norm, RoPE and SiLU kernels: the runtime\'s kv-step where cache "inplace" does not fit)', true],
    ['plain ops', false],
  ])('%s: a prefill copied into the cache, then one step per token, gives the logits and new K/V of the eager cache (empty slots hold garbage)', async (_, fused) => {
    const [, nkv, C, hs] = stepCacheDims(cfg);
    const s = await session(buildTransformerModel(cfg, w, { cache: 'step', fused }));
    const P = 4;
    const pre = eagerStep(cfg, w, ids(seq.slice(0, P)));
    const cache = prefilled(cfg, pre.cache, P);
    let eager = pre.cache;
    for (let p = P; p < seq.length; p++) {
      const feed = stepFeed(seq[p], p, cache, nkv, C, hs);
      const out = await run(s, feed);
      const ref = eagerStep(cfg, w, ids([seq[p]]), eager);
      expect(out[names.logits()].shape).toEqual([1, 1, cfg.vocabSize]);
      expect(maxErr(out[names.logits()].data, ref.logits.data as Float32Array)).toBeLessThan(1e-4);
      cache.forEach((c, l) => {
        const k = out[stepNames.newKey(l)].data, v = out[stepNames.newValue(l)].data;
        expect(out[stepNames.newKey(l)].shape).toEqual([1, nkv, 1, hs]);
        const rk = ref.cache[l].k.data as Float32Array, rv = ref.cache[l].v.data as Float32Array; // [1, nkv, p + 1, hs]
        const last = (t: Float32Array) => Float32Array.from({ length: nkv * hs }, (_, i) => t[(Math.floor(i / hs) * (p + 1) + p) * hs + (i % hs)]);
        expect(maxErr(k, last(rk))).toBeLessThan(1e-5);
        expect(maxErr(v, last(rv))).toBeLessThan(1e-5);
        writeSlot(c.k, k, nkv, C, hs, p);
        writeSlot(c.v, v, nkv, C, hs, p);
      });
      eager = ref.cache;
    }
  });

  // MHA with biases, LayerNorm and GELU too: the packed projection carries the three biases
  const mha = { ...cfg, nKvHead: cfg.nHead, norm: 'layernorm', mlp: 'gelu', bias: true, tiedEmbeddings: false } as TransformerConfig;
  it.each([
    ['GQA, RMSNorm, SwiGLU (tiny-random)', cfg, w],
    ['MHA with biases, LayerNorm, GELU, untied head', mha, randomWeights(mha, 6)],
  ])('cache "inplace" (one GroupQueryAttention node per layer, RoPE inside), %s: each step gives the eager logits and returns the cache with only slot p written', async (_, cfg, w) => {
    const [, nkv, C, hs] = stepCacheDims(cfg);
    const s = await session(buildTransformerModel(cfg, w, { cache: 'inplace', fused: true }));
    const P = 3;
    const pre = eagerStep(cfg, w, ids(seq.slice(0, P)));
    let cache = prefilled(cfg, pre.cache, P);
    let eager = pre.cache;
    for (let p = P; p < seq.length; p++) {
      const out = await run(s, inplaceFeed(seq[p], p, cache, nkv, C, hs));
      const ref = eagerStep(cfg, w, ids([seq[p]]), eager);
      expect(maxErr(out[names.logits()].data, ref.logits.data as Float32Array)).toBeLessThan(1e-4);
      cache = cache.map((c, l) => {
        const k = out[names.presentKey(l)], v = out[names.presentValue(l)];
        expect(k.shape).toEqual([1, nkv, C, hs]);
        const rk = ref.cache[l].k.data as Float32Array, rv = ref.cache[l].v.data as Float32Array; // [1, nkv, p + 1, hs]
        const upTo = (t: Float32Array) => Float32Array.from({ length: nkv * (p + 1) * hs }, (_, i) => t[(Math.floor(i / ((p + 1) * hs)) * C) * hs + (i % ((p + 1) * hs))]);
        expect(maxErr(upTo(k.data), rk)).toBeLessThan(1e-5); // slots 0..p: the old ones unchanged, slot p the new k
        expect(maxErr(upTo(v.data), rv)).toBeLessThan(1e-5);
        return { k: k.data, v: v.data };
      });
      eager = ref.cache;
    }
  });

  it('fitsInplace follows GroupQueryAttention\'s head-size checks: a multiple of 16 with RoPE, of 8 without', () => {
    expect(fitsInplace(cfg)).toBe(true); // hs 16
    expect(fitsInplace({ ...cfg, nHead: 8, nKvHead: 8 })).toBe(false); // hs 8 with RoPE
    expect(fitsInplace({ ...cfg, nHead: 8, nKvHead: 8, position: 'none' })).toBe(true);
    expect(fitsInplace({ ...cfg, dModel: 96, nHead: 4, nKvHead: 2 })).toBe(false); // hs 24
  });

  it('cache "inplace" is built only as a fused graph', () => {
    expect(() => buildTransformerModel(cfg, w, { cache: 'inplace' })).toThrow(/fused/);
  });

  it('visibleMask shows slots 0..p-1 and the new token only, and refuses a position past the capacity', () => {
    expect([...visibleMask(4, 2)]).toEqual([1, 1, 0, 0, 1]);
    expect([...visibleMask(4, 0)]).toEqual([0, 0, 0, 0, 1]);
    expect(() => visibleMask(4, 4)).toThrow(/capacity/);
  });
});

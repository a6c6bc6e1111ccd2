// Cached decoding (eager and graph) produces the logits of a full recompute.
import { describe, expect, it } from 'vitest';
import { ids, type Tensor } from '@/lib/tensor';
import { encodeModel } from '@/lib/onnx';
import { buildTransformerModel } from '@/lib/model/build';
import { randomWeights } from '@/lib/model/init';
import { buildDecodeGraph, buildPrefillGraph, cacheLength, eagerStep, pastFeeds } from '@/lib/model/kvcache';
import { names } from '@/lib/model/names';
import { variants, testInit } from './fixtures';
import { run, session } from './ort';
import { maxErr } from './compare';

const seq = [5, 2, 7, 1, 8, 2, 8, 1, 8];
/** Rows [from, to) of logits [1, T, V]. */
const rows = (t: { data: Float32Array; shape: number[] }, from: number, to: number): Float32Array => {
  const V = t.shape[2];
  return t.data.subarray(from * V, to * V);
};

describe('KV cache', () => {
  // A bidirectional model cannot decode with a cache: an earlier token's output depends on later ones.
  for (const [label, cfg] of Object.entries(variants).filter(([, c]) => c.attnMask?.kind !== 'bidirectional')) {
    it(`eager and graph cached decoding match a full recompute: ${label}`, async () => {
      const w = randomWeights(cfg, 99, testInit);
      const all = ids(seq.map((v) => v % cfg.vocabSize));
      const full = eagerStep(cfg, w, all).logits;
      // eager: prefill 4, then 1, 1, then a chunk of 3
      const chunks = [[0, 4], [4, 5], [5, 6], [6, 9]];
      let cache;
      for (const [a, b] of chunks) {
        const r = eagerStep(cfg, w, ids(seq.slice(a, b).map((v) => v % cfg.vocabSize)), cache);
        expect(maxErr(r.logits.data, rows(full, a, b))).toBeLessThan(1e-4);
        cache = r.cache;
        expect(cacheLength(cache)).toBe(b);
      }
      // graph: prefill graph, then the decode graph fed with present → past
      const pre = await session(encodeModel(buildPrefillGraph(cfg, w), { opsetVersion: 17 }));
      const dec = await session(encodeModel(buildDecodeGraph(cfg, w), { opsetVersion: 17 }));
      let out = await run(pre, { ids: ids(seq.slice(0, 4).map((v) => v % cfg.vocabSize)) });
      expect(maxErr(out.logits.data, rows(full, 0, 4))).toBeLessThan(1e-4);
      for (const [a, b] of chunks.slice(1)) {
        out = await run(dec, { ids: ids(seq.slice(a, b).map((v) => v % cfg.vocabSize)), ...pastFeeds(out, cfg.nLayer) });
        expect(maxErr(out.logits.data, rows(full, a, b))).toBeLessThan(1e-4);
        expect(out[names.presentKey(0)].shape).toEqual([1, cfg.nKvHead, b, cfg.dModel / cfg.nHead]);
      }
      // the graph's final cache equals the eager one
      const last = cache as { k: Tensor; v: Tensor }[];
      expect(maxErr(out[names.presentValue(cfg.nLayer - 1)].data, last[cfg.nLayer - 1].v.data)).toBeLessThan(1e-4);
      expect(maxErr(out[names.presentKey(0)].data, last[0].k.data)).toBeLessThan(1e-4);
    });
  }

  it('the decode graph accepts an empty past (P = 0) and then acts as the prefill graph', async () => {
    const cfg = variants['GQA rmsnorm rope swiglu untied no-bias'];
    const w = randomWeights(cfg, 1, testInit);
    const dec = await session(encodeModel(buildDecodeGraph(cfg, w), { opsetVersion: 17 }));
    const empty = { data: new Float32Array(0), shape: [1, cfg.nKvHead, 0, cfg.dModel / cfg.nHead] };
    const feeds: Record<string, typeof empty> = {};
    for (let l = 0; l < cfg.nLayer; l++) feeds[names.pastKey(l)] = feeds[names.pastValue(l)] = empty;
    const out = await run(dec, { ids: ids([1, 2, 3]), ...feeds });
    expect(maxErr(out.logits.data, eagerStep(cfg, w, ids([1, 2, 3])).logits.data)).toBeLessThan(1e-4);
    expect(out[names.presentKey(0)].shape).toEqual([1, cfg.nKvHead, 3, cfg.dModel / cfg.nHead]);
  });

  it('the uncached graph has no cache inputs or outputs, the decode graph has both per layer', async () => {
    const cfg = variants['MHA layernorm learned gelu tied bias'];
    const w = randomWeights(cfg, 3);
    const plain = await session(buildTransformerModel(cfg, w));
    expect(plain.inputNames).toEqual(['ids']);
    const dec = await session(encodeModel(buildDecodeGraph(cfg, w), { opsetVersion: 17 }));
    expect(dec.inputNames).toEqual(['ids', names.pastKey(0), names.pastValue(0), names.pastKey(1), names.pastValue(1)]);
    expect(dec.outputNames).toContain(names.presentValue(1));
  });
});

import { describe, expect, it } from 'vitest';
import { EagerOps, type WeightMap } from '@/lib/model/eager';
import type { TransformerConfig } from '@/lib/model/config';
import { presets } from '@/lib/model/presets';
import { randomWeights } from '@/lib/model/init';
import { transformer } from '@/lib/model/transformer';
import { concat, ids as idsTensor, type Tensor } from '@/lib/tensor';
import { buildLensModel, lensLogits, streamTap } from '@/lib/interp/logit-lens';
import { finalTokenTrace, formsAt, lensReadout, rankOf, softmaxRow, streamLabel, topIds } from '@/lib/interp/lens-readout';
import { ort, runBytes } from '../onnx/ortNode';

describe('top-k, rank and softmax', () => {
  it('the worked example: softmax([0, ln 3, 0]) = [0.2, 0.6, 0.2], top-1 is id 1, id 0 has rank 2 and id 2 rank 3', () => {
    const row = [0, Math.log(3), 0];
    const p = softmaxRow(row);
    expect([...p].map((x) => +x.toFixed(12))).toEqual([0.2, 0.6, 0.2]);
    expect(topIds(row, 2)).toEqual([1, 0]);
    expect(rankOf(row, 0)).toBe(2);
    expect(rankOf(row, 2)).toBe(3);
  });

  it('topIds agrees with a full sort on a random row', () => {
    const row = Array.from({ length: 500 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    const sorted = row.map((x, i) => [x, i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map((x) => x[1]);
    expect(topIds(row, 10)).toEqual(sorted.slice(0, 10));
    for (const id of sorted.slice(0, 20)) expect(rankOf(row, id)).toBe(sorted.indexOf(id) + 1);
  });
});

describe('the lens by hand (C = 2, V = 3, RMSNorm, tied embeddings)', () => {
  // norm_f weight [1, 1]; embeddings e0 = [1, 0], e1 = [0, 1], e2 = [1, 1].
  const cfg = { norm: 'rmsnorm', normEps: 0, tiedEmbeddings: true, bias: false } as unknown as TransformerConfig;
  const w: WeightMap = new Map<string, Tensor>([
    ['norm_f.weight', { data: new Float32Array([1, 1]), shape: [2] }],
    ['tok_emb.weight', { data: new Float32Array([1, 0, 0, 1, 1, 1]), shape: [3, 2] }],
  ]);
  it('x = [3, 4]: rms = √12.5, normed [0.8485, 1.1314], logits [0.8485, 1.1314, 1.9799]', () => {
    const out = lensLogits(new EagerOps(w), cfg, { data: new Float32Array([3, 4]), shape: [1, 1, 2] }) as Tensor;
    const r = Math.sqrt(12.5);
    expect(out.shape).toEqual([1, 1, 3]);
    [3 / r, 4 / r, 7 / r].forEach((v, i) => expect(out.data[i]).toBeCloseTo(v, 6));
    const [[cell]] = lensReadout(out.data, [1, 1, 3], 3);
    expect(cell.ids).toEqual([2, 1, 0]);
    const z = Math.exp(3 / r) + Math.exp(4 / r) + Math.exp(7 / r);
    expect(cell.probs[0]).toBeCloseTo(Math.exp(7 / r) / z, 6);
  });
  it('scaling the residual does not change the lens (RMSNorm divides the scale out)', () => {
    const a = lensLogits(new EagerOps(w), cfg, { data: new Float32Array([3, 4]), shape: [1, 1, 2] }) as Tensor;
    const b = lensLogits(new EagerOps(w), cfg, { data: new Float32Array([30, 40]), shape: [1, 1, 2] }) as Tensor;
    for (let i = 0; i < 3; i++) expect(b.data[i]).toBeCloseTo(a.data[i], 5);
  });
});

describe('the lens on a random model', () => {
  const gpt2ish: TransformerConfig = {
    vocabSize: 64, contextLength: 16, nLayer: 3, dModel: 16, nHead: 2, nKvHead: 2, dFF: 32,
    norm: 'layernorm', normEps: 1e-5, position: 'learned', mlp: 'gelu', tiedEmbeddings: false, bias: true,
  } as TransformerConfig;
  for (const [name, cfg] of [['tiny-random (RMSNorm, SwiGLU, tied)', presets['tiny-random']], ['GPT-2 style (LayerNorm with bias, GELU, untied head)', gpt2ish]] as const) {
    it(`${name}: the last stream point's lens is the model's logits, bit for bit`, () => {
      const w = randomWeights(cfg, 7);
      const ids = [1, 5, 9, 2, 7].map((i) => i % cfg.vocabSize);
      const ops = new EagerOps(w, { taps: true });
      const { logits } = transformer(ops, cfg, idsTensor(ids));
      const last = lensLogits(ops, cfg, ops.trace.get(streamTap(cfg.nLayer))!) as Tensor;
      expect(last.data).toEqual(logits.data);
      const T = ids.length, V = cfg.vocabSize, N = cfg.nLayer + 1;
      const all = lensLogits(ops, cfg, concat(Array.from({ length: N }, (_, i) => ops.trace.get(streamTap(i))! as Tensor), 0)) as Tensor;
      const tr = finalTokenTrace(all.data, [N, T, V], logits.data as Float32Array);
      for (let t = 0; t < T; t++) {
        expect(tr[N - 1][t].rank).toBe(1);
        expect(formsAt(tr, t)).toBeLessThanOrEqual(N - 1);
      }
    });
  }
  it('stream labels', () => {
    expect([0, 1, 8].map(streamLabel)).toEqual(['embedding', 'after block 0', 'after block 7']);
  });
});

describe('the lens graph in ONNX Runtime', () => {
  it('its lens.logits match the eager lens at every stream point, and its last point matches its own logits', async () => {
    const cfg = presets['tiny-random'];
    const w = randomWeights(cfg, 3);
    const ids = [3, 1, 4, 1, 5].map((i) => i % cfg.vocabSize);
    const out = await runBytes(buildLensModel(cfg, w), { ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]) });
    const lens = out['lens.logits'];
    const N = cfg.nLayer + 1, T = ids.length, V = cfg.vocabSize;
    expect(lens.dims).toEqual([N, T, V]);
    const ops = new EagerOps(w, { taps: true });
    const { logits } = transformer(ops, cfg, idsTensor(ids));
    const eager = lensLogits(ops, cfg, concat(Array.from({ length: N }, (_, i) => ops.trace.get(streamTap(i))! as Tensor), 0)) as Tensor;
    let maxErr = 0;
    for (let i = 0; i < eager.data.length; i++) maxErr = Math.max(maxErr, Math.abs(eager.data[i] - (lens.data as Float32Array)[i]));
    expect(maxErr).toBeLessThan(1e-3);
    const L = (lens.data as Float32Array).subarray((N - 1) * T * V);
    const g = out.logits.data as Float32Array;
    for (let i = 0; i < T * V; i++) expect(Math.abs(L[i] - g[i])).toBeLessThan(1e-4);
    expect(Math.abs((logits.data as Float32Array)[0] - g[0])).toBeLessThan(1e-3);
  });
});

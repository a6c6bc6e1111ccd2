import { describe, expect, it } from 'vitest';
import { ids, type Tensor } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import { EagerOps } from '@/lib/model/eager';
import { names } from '@/lib/model/names';
import { randomWeights } from '@/lib/model/init';
import { transformer } from '@/lib/model/transformer';
import { base, testInit } from './fixtures';

const t = (data: number[], shape: number[]): Tensor => ({ data: Float32Array.from(data), shape });

describe('transformer (eager)', () => {
  it('computes a 2-token, 1-head attention that matches the hand derivation', () => {
    // C = 2, one head, identity projections, RMSNorm without eps: token 0 → [√2, 0], token 1 → [0, √2].
    const cfg: TransformerConfig = { ...base, vocabSize: 2, contextLength: 2, nLayer: 1, dModel: 2, nHead: 1, nKvHead: 1, dFF: 2, norm: 'rmsnorm', normEps: 0, bias: false };
    const I = [1, 0, 0, 1];
    const w = new Map<string, Tensor>([
      ['tok_emb.weight', t([1, 0, 0, 1], [2, 2])], ['pos_emb.weight', t([0, 0, 0, 0], [2, 2])],
      ['blocks.0.norm1.weight', t([1, 1], [2])], ['blocks.0.norm2.weight', t([1, 1], [2])], ['norm_f.weight', t([1, 1], [2])],
      ['blocks.0.attn.wq.weight', t(I, [2, 2])], ['blocks.0.attn.wk.weight', t(I, [2, 2])],
      ['blocks.0.attn.wv.weight', t(I, [2, 2])], ['blocks.0.attn.wo.weight', t(I, [2, 2])],
      ['blocks.0.mlp.w1.weight', t([0, 0, 0, 0], [2, 2])], ['blocks.0.mlp.w2.weight', t([0, 0, 0, 0], [2, 2])],
    ]);
    const ops = new EagerOps(w, { taps: true });
    transformer(ops, cfg, ids([0, 1]));
    const r2 = Math.SQRT2;
    // q·kᵀ: [[2, 0], [0, 2]]; ·1/√2: [[√2, 0], [0, √2]]; mask hides key 1 from query 0.
    const raw = Array.from(ops.trace.get(names.attnScores(0))!.data as Float32Array);
    [2, 0, 0, 2].forEach((v, i) => expect(raw[i]).toBeCloseTo(v, 6));
    const scaled = Array.from(ops.trace.get(names.attnScaled(0))!.data as Float32Array);
    [r2, 0, 0, r2].forEach((v, i) => expect(scaled[i]).toBeCloseTo(v, 6));
    expect(ops.trace.get(names.attnMasked(0))!.data[1]).toBe(-Infinity);
    const p = Array.from(ops.trace.get(names.attnProbs(0))!.data as Float32Array);
    const p11 = 1 / (1 + Math.exp(-r2)); // softmax([0, √2])[1]
    [1, 0, 1 - p11, p11].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 6));
    // out = probs · v with v rows [√2, 0] and [0, √2].
    const o = Array.from(ops.trace.get(names.attnOut(0))!.data as Float32Array);
    [r2, 0, (1 - p11) * r2, p11 * r2].forEach((v, i) => expect(o[i]).toBeCloseTo(v, 5));
  });

  it('GQA equals MHA whose kv weights repeat each kv head for its group (head h uses kv head ⌊h/g⌋)', () => {
    const gqa: TransformerConfig = { ...base, nKvHead: 2 };
    const w = randomWeights(gqa, 11, testInit);
    const hs = gqa.dModel / gqa.nHead;
    const mhaW = new Map(w);
    for (let l = 0; l < gqa.nLayer; l++) {
      for (const m of ['wk', 'wv']) {
        const wt = w.get(`blocks.${l}.attn.${m}.weight`)!; // [nkv·hs, C]
        const bt = w.get(`blocks.${l}.attn.${m}.bias`)!; // [nkv·hs]
        const C = gqa.dModel;
        const W = new Float32Array(gqa.nHead * hs * C);
        const B = new Float32Array(gqa.nHead * hs);
        for (let h = 0; h < gqa.nHead; h++) {
          const kv = Math.floor(h / 2);
          W.set(wt.data.subarray(kv * hs * C, (kv + 1) * hs * C), h * hs * C);
          B.set(bt.data.subarray(kv * hs, (kv + 1) * hs), h * hs);
        }
        mhaW.set(`blocks.${l}.attn.${m}.weight`, { data: W, shape: [gqa.nHead * hs, C] });
        mhaW.set(`blocks.${l}.attn.${m}.bias`, { data: B, shape: [gqa.nHead * hs] });
      }
    }
    const x = ids([3, 1, 4, 1, 5]);
    const a = transformer(new EagerOps(w), gqa, x).logits;
    const b = transformer(new EagerOps(mhaW), { ...gqa, nKvHead: gqa.nHead }, x).logits;
    a.data.forEach((v, i) => expect(v).toBeCloseTo(b.data[i] as number, 4));
  });

  it('is causal: appending a token leaves the earlier logits unchanged', () => {
    const w = randomWeights(base, 5, testInit);
    const a = transformer(new EagerOps(w), base, ids([1, 2, 3])).logits;
    const b = transformer(new EagerOps(w), base, ids([1, 2, 3, 9])).logits;
    a.data.forEach((v, i) => expect(v).toBeCloseTo(b.data[i] as number, 5));
  });

  it('names a missing weight in its error', () => {
    const w = randomWeights(base, 5);
    w.delete('blocks.1.mlp.w2.weight');
    expect(() => transformer(new EagerOps(w), base, ids([1]))).toThrow(/Missing weight "blocks.1.mlp.w2.weight"/);
  });
});

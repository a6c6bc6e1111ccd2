import { describe, expect, it } from 'vitest';
import { headScores, pruneHeads, pruneHeadSet } from '@/lib/prune/heads';
import type { TransformerConfig } from '@/lib/model/config';

// one layer, C = 4, 4 query heads of size 1, 2 kv heads (GQA, groups {0, 1} and {2, 3})
const cfg = { nLayer: 1, dModel: 4, nHead: 4, nKvHead: 2 } as TransformerConfig;
const ones = (n: number) => new Float32Array(n).fill(1);
// wo [C=4, nh·hs=4]: column h is head h's output; column norms 1, 3, 2, 0.5
const wo = Float32Array.from([1, 3, 2, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
const w = new Map([
  ['blocks.0.attn.wq.weight', { data: ones(16), shape: [4, 4] }],
  ['blocks.0.attn.wk.weight', { data: ones(8), shape: [2, 4] }],
  ['blocks.0.attn.wv.weight', { data: ones(8), shape: [2, 4] }],
  ['blocks.0.attn.wo.weight', { data: wo, shape: [4, 4] }],
]);

describe('head pruning', () => {
  it('scores each query head by the norm of its wo columns', () => {
    expect(headScores(cfg, w).map((h) => h.score)).toEqual([1, 3, 2, 0.5]);
  });
  it('half the heads: the two weakest (3 and 0) lose their wq rows and wo columns; both kv heads stay (each group keeps a head)', () => {
    const { weights, pruned } = pruneHeads(cfg, w, 0.5);
    expect(pruned.map((h) => h.head)).toEqual([3, 0]);
    expect(Array.from(weights.get('blocks.0.attn.wq.weight')!.data)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0]);
    expect(Array.from(weights.get('blocks.0.attn.wo.weight')!.data.subarray(0, 4))).toEqual([0, 3, 2, 0]);
    expect(Array.from(weights.get('blocks.0.attn.wk.weight')!.data)).toEqual(Array(8).fill(1));
  });
  it('GQA: when both query heads of a group are gone (2 and 3), that kv head’s wk and wv rows go too', () => {
    const weights = pruneHeadSet(cfg, w, [{ layer: 0, head: 2 }, { layer: 0, head: 3 }]);
    for (const m of ['wk', 'wv']) expect(Array.from(weights.get(`blocks.0.attn.${m}.weight`)!.data)).toEqual([1, 1, 1, 1, 0, 0, 0, 0]);
  });
  it('leaves the input weights untouched', () => {
    pruneHeads(cfg, w, 1);
    expect(Array.from(w.get('blocks.0.attn.wo.weight')!.data)).toEqual(Array.from(wo));
  });
});

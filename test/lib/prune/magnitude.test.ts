import { describe, expect, it } from 'vitest';
import { magnitudePrune, prunableNames, smallestK } from '@/lib/prune/magnitude';
import type { TransformerConfig } from '@/lib/model/config';

const t = (data: number[], shape: number[]) => ({ data: Float32Array.from(data), shape });

describe('magnitude pruning', () => {
  it('[[0.5, −0.1], [0.3, −0.2]] at 50 % keeps the two largest |w|: [[0.5, 0], [0.3, 0]]', () => {
    const w = new Map([['m', t([0.5, -0.1, 0.3, -0.2], [2, 2])]]);
    expect(Array.from(magnitudePrune(w, ['m'], 0.5).get('m')!.data)).toEqual([0.5, 0, 0.3, 0].map(Math.fround));
  });
  it('per-matrix prunes each matrix equally; global lets the matrix of small weights lose more', () => {
    const w = new Map([['a', t([1, 2, 3, 4], [2, 2])], ['b', t([10, 20, 30, 40], [2, 2])]]);
    const per = magnitudePrune(w, ['a', 'b'], 0.5, 'per-matrix');
    expect(Array.from(per.get('a')!.data)).toEqual([0, 0, 3, 4]);
    expect(Array.from(per.get('b')!.data)).toEqual([0, 0, 30, 40]);
    const glob = magnitudePrune(w, ['a', 'b'], 0.5, 'global');
    expect(Array.from(glob.get('a')!.data)).toEqual([0, 0, 0, 0]);
    expect(Array.from(glob.get('b')!.data)).toEqual([10, 20, 30, 40]);
  });
  it('ties at the threshold go by position, so exactly round(s·n) weights become zero', () => {
    expect(Array.from(smallestK(Float32Array.from([1, -1, 1, 1, 2]), 2))).toEqual([0, 1]);
    const w = new Map([['m', t([1, 1, 1, 1, 1], [1, 5])]]);
    expect(Array.from(magnitudePrune(w, ['m'], 0.4).get('m')!.data)).toEqual([0, 0, 1, 1, 1]);
  });
  it('leaves the input untouched and other tensors shared; s outside [0, 1] throws', () => {
    const m = t([3, 1], [1, 2]);
    const e = t([9], [1]);
    const w = new Map([['m', m], ['e', e]]);
    const out = magnitudePrune(w, ['m'], 1);
    expect(Array.from(m.data)).toEqual([3, 1]);
    expect(out.get('e')).toBe(e);
    expect(() => magnitudePrune(w, ['m'], 1.5)).toThrow();
  });
  it('prunes the attention and MLP matrices of every layer, not the (tied) embedding or norms', () => {
    const cfg = { nLayer: 2, mlp: 'swiglu' } as TransformerConfig;
    const names = prunableNames(cfg);
    expect(names).toHaveLength(14);
    expect(names.slice(0, 7)).toEqual(['attn.wq', 'attn.wk', 'attn.wv', 'attn.wo', 'mlp.w1', 'mlp.w3', 'mlp.w2'].map((m) => `blocks.0.${m}.weight`));
    expect(names.filter((n) => n.includes('emb') || n.includes('norm'))).toEqual([]);
  });
});

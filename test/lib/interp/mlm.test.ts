// Masked-LM read-outs against hand-computed values.
import { describe, expect, it } from 'vitest';
import { IGNORE, maskedScore, maskTokenId, rankOf, topPredictions, withMask } from '@/lib/interp/mlm';
import type { TransformerConfig } from '@/lib/model/config';

const cfg = (over: Partial<TransformerConfig>): TransformerConfig => ({
  vocabSize: 4097, contextLength: 8, nLayer: 1, dModel: 4, nHead: 1, nKvHead: 1, dFF: 4, norm: 'rmsnorm', normEps: 1e-5,
  position: 'rope', rope: { base: 10000 }, mlp: 'gelu', tiedEmbeddings: true, bias: false, attnMask: { kind: 'bidirectional' }, ...over,
});

describe('masked-LM helpers', () => {
  it('[MASK] is the id past the tokenizer, only for a bidirectional model with vocabSize 4097', () => {
    expect(maskTokenId(cfg({}))).toBe(4096);
    expect(() => maskTokenId(cfg({ attnMask: undefined }))).toThrow(/bidirectional/);
    expect(() => maskTokenId(cfg({ vocabSize: 4096 }))).toThrow(/4097/);
  });

  it('withMask replaces the chosen positions and rejects positions outside the ids', () => {
    expect(withMask([5, 6, 7], [1], 9)).toEqual([5, 9, 7]);
    expect(() => withMask([5], [1], 9)).toThrow(/outside/);
  });

  it('top predictions: softmax over the real ids only, sorted, ties to the lower id', () => {
    // row 1 of a [2, 4] logits table; id 3 plays [MASK] and is left out with nReal = 3
    const logits = [0, 0, 0, 0, Math.log(2), 0, Math.log(2), 50];
    const top = topPredictions(logits, 4, 1, 2, 3);
    expect(top.map((p) => p.id)).toEqual([0, 2]);
    expect(top[0].p).toBeCloseTo(2 / 5, 12);
    expect(top[1].p).toBeCloseTo(2 / 5, 12);
    expect(rankOf(logits, 4, 1, 1, 3)).toEqual({ rank: 3, p: expect.closeTo(1 / 5, 12) });
  });

  it('masked score: loss over all V, accuracy over the real ids, ignored positions skipped', () => {
    // V = 3 (id 2 = [MASK]); position 0 ignored; position 1 target 0 with logits [0, 0, ln 2]
    const logits = [9, 9, 9, 0, 0, Math.log(2)];
    const s = maskedScore(logits, 3, [IGNORE, 0], 2);
    expect(s.positions).toBe(1);
    expect(s.loss).toBeCloseTo(Math.log(4), 12); // p(0) = 1 / (1 + 1 + 2)
    expect(s.accuracy).toBe(1); // argmax over ids 0..1 is 0 (tie, lower id) although [MASK] scores highest
  });
});

import { describe, expect, it } from 'vitest';
import { EagerOps } from '@/lib/model/eager';
import { randomWeights } from '@/lib/model/init';
import { names } from '@/lib/model/names';
import { transformer } from '@/lib/model/transformer';
import { ids } from '@/lib/tensor';
import { kvHeadOf, queryStages, softmax } from '@/lib/interp/stages';
import { variants, testInit } from '../model/fixtures';

describe('attention stages of one query row', () => {
  it('the doc-comment example: q = [1,0], keys [1,0] and [0,1], d_head 2', () => {
    const q = { data: [9, 9, 1, 0], dims: [1, 1, 2, 2] }; // row 0 is unused
    const k = { data: [1, 0, 0, 1], dims: [1, 1, 2, 2] };
    const s = queryStages(q, k, 0, 1);
    expect([...s.raw]).toEqual([1, 0]);
    expect(s.scaled[0]).toBeCloseTo(1 / Math.SQRT2, 12);
    const e = Math.exp(1 / Math.SQRT2);
    expect(s.probs[0]).toBeCloseTo(e / (e + 1), 12);
    expect(s.probs[0]).toBeCloseTo(0.67, 2);
  });

  it('masks future keys with −∞ and gives them probability exactly 0', () => {
    const q = { data: [1, 1, 1, 1, 1, 1], dims: [1, 1, 3, 2] };
    const k = { data: [1, 0, 0, 1, 5, 5], dims: [1, 1, 3, 2] };
    const s = queryStages(q, k, 0, 1);
    expect(s.masked[2]).toBe(-Infinity);
    expect(s.probs[2]).toBe(0);
    expect(s.probs[0] + s.probs[1]).toBeCloseTo(1, 12);
    expect(s.raw[2]).toBe(10); // the raw score is still there before the mask
  });

  it('softmax ignores −∞ and survives large scores', () => {
    expect([...softmax([1000, 1000, -Infinity])]).toEqual([0.5, 0.5, 0]);
  });

  it("the lesson's numbers: √32 ≈ 5.657; query 0 always gets weight 1; the softmax-by-hand example 0.8, −0.4 → 0.769, 0.231", () => {
    // lm: d_head = 128 / 4 = 32, scaled scores are raw / √32
    const q = { data: [3, -2, 0.5, 1, 2, 2, -1, 0.25], dims: [1, 1, 2, 4] };
    const k = { data: [1, 4, -3, 2, 0.5, -1, 2, 7], dims: [1, 1, 2, 4] };
    expect(Math.sqrt(32)).toBeCloseTo(5.657, 3);
    // query 0 sees only key 0: softmax of one number is 1, whatever the score
    const s0 = queryStages(q, k, 0, 0);
    expect(s0.probs[0]).toBe(1);
    expect(s0.probs[1]).toBe(0);
    // row 1 is a two-way split, p0 = 1 / (1 + e^(x1 − x0))
    const s1 = queryStages(q, k, 0, 1);
    expect(s1.probs[0]).toBeCloseTo(1 / (1 + Math.exp(s1.masked[1] - s1.masked[0])), 12);
    // the Solution's worked example
    const p = softmax([0.8, -0.4]);
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-1.2)), 12);
    expect(p[0].toFixed(3)).toBe('0.769');
    expect(p[1].toFixed(3)).toBe('0.231');
  });

  it('GQA grouping: with 4 query heads and 2 kv heads, heads 0,1 read kv 0 and heads 2,3 read kv 1', () => {
    expect([0, 1, 2, 3].map((h) => kvHeadOf(h, 4, 2))).toEqual([0, 0, 1, 1]);
    expect([0, 1, 2, 3].map((h) => kvHeadOf(h, 4, 1))).toEqual([0, 0, 0, 0]);
    expect([0, 1, 2, 3].map((h) => kvHeadOf(h, 4, 4))).toEqual([0, 1, 2, 3]);
  });

  for (const name of ['GQA rmsnorm rope swiglu untied no-bias', 'MQA layernorm sinusoidal swiglu untied bias', 'MHA layernorm learned gelu tied bias']) {
    it(`recomputed from the tapped q and k, every stage equals the model's own taps (${name})`, () => {
      const cfg = variants[name];
      const ops = new EagerOps(randomWeights(cfg, 7, testInit), { taps: true });
      const T = 9;
      transformer(ops, cfg, ids(Array.from({ length: T }, (_, i) => (i * 5 + 2) % cfg.vocabSize)));
      const tap = (n: string) => { const t = ops.trace.get(n)!; return { data: t.data as Float32Array, dims: t.shape }; };
      for (let l = 0; l < cfg.nLayer; l++) {
        const [q, k] = [tap(names.q(l)), tap(names.k(l))];
        const want = { raw: tap(names.attnScores(l)), scaled: tap(names.attnScaled(l)), probs: tap(names.attnProbs(l)) };
        for (let h = 0; h < cfg.nHead; h++) for (const i of [0, 4, T - 1]) {
          const s = queryStages(q, k, h, i);
          for (let j = 0; j < T; j++) {
            const at = (h * T + i) * T + j;
            expect(s.raw[j]).toBeCloseTo(want.raw.data[at], 4);
            expect(s.scaled[j]).toBeCloseTo(want.scaled.data[at], 4);
            expect(s.probs[j]).toBeCloseTo(want.probs.data[at], 5);
          }
        }
      }
    });
  }
});

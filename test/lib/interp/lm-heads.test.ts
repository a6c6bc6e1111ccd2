// What lm's heads do, measured on the shipped weights with the eager TS forward (the same
// numbers the attention lesson's widgets compute live in ONNX Runtime; parity is tested in
// test/lib/models). The lesson's prose claims only what these tests check.
import { beforeAll, describe, expect, it } from 'vitest';
import { EagerOps, type WeightMap } from '@/lib/model/eager';
import { names } from '@/lib/model/names';
import { transformer } from '@/lib/model/transformer';
import { ids as idsTensor } from '@/lib/tensor';
import { loadBpe } from '@/lib/tokenizer/bpe';
import { headRole, rankHeads, scoreHeads, uniformBaseline, type ProbsTap } from '@/lib/interp/head-scores';
import { copyLosses, repeatedRandomTokens } from '@/lib/interp/random-seq';
import { manifest, read, weightsOf } from '../models/shipped';

/** The attention widget's default sentence. */
const TEXT = 'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.';
const cfg = manifest().models.lm.config;
let w: WeightMap;
beforeAll(async () => { w = await weightsOf('lm'); });

function run(ids: number[]): { probs: ProbsTap[]; logits: Float32Array } {
  const ops = new EagerOps(w, { taps: (n) => n.endsWith('.probs') });
  const { logits } = transformer(ops, cfg, idsTensor(ids));
  const probs = Array.from({ length: cfg.nLayer }, (_, l) => {
    const t = ops.trace.get(names.attnProbs(l))!;
    return { data: t.data as Float32Array, dims: t.shape };
  });
  return { probs, logits: logits.data as Float32Array };
}
const fmt = (s: { layer: number; head: number; score: number }) => `L${s.layer}H${s.head} ${s.score.toFixed(3)}`;

describe('lm: what its heads do', () => {
  it('on the default sentence exactly four heads score above 0.5 as previous-token heads (L3H3, L4H3, L3H1, L5H1), and the same four lead on random tokens', () => {
    const tok = loadBpe(read('models/tokenizer/austen-bpe-4096.json').toString('utf8'));
    const key = (s: { layer: number; head: number }) => `L${s.layer}H${s.head}`;
    const text = rankHeads(scoreHeads(run(tok.encode(TEXT)).probs, 'previous'));
    expect(text.filter((s) => s.score > 0.5).map(key).sort()).toEqual(['L3H1', 'L3H3', 'L4H3', 'L5H1']);
    const random = rankHeads(scoreHeads(run(repeatedRandomTokens(1, 30, 256, cfg.vocabSize)).probs, 'previous'));
    expect(random.slice(0, 4).map(key).sort()).toEqual(['L3H1', 'L3H3', 'L4H3', 'L5H1']);
    // the order the lesson's challenge solutions quote
    expect(text.slice(0, 4).map(key)).toEqual(['L3H3', 'L4H3', 'L3H1', 'L5H1']);
    expect(random.slice(0, 4).map(key)).toEqual(['L4H3', 'L3H1', 'L5H1', 'L3H3']);
  });

  it("on the default sentence the explorer tags six heads 'prev' (the four above, plus L2H0 and L7H3 just past 0.4) and none 'first'", () => {
    const tok = loadBpe(read('models/tokenizer/austen-bpe-4096.json').toString('utf8'));
    const { probs } = run(tok.encode(TEXT));
    const prev = scoreHeads(probs, 'previous');
    const first = scoreHeads(probs, 'first');
    const tags = prev.map((s, i) => ({ key: `L${s.layer}H${s.head}`, score: s.score, role: headRole(s.score, first[i].score) })).filter((t) => t.role);
    console.log('tags', tags.map((t) => `${t.key} ${t.role} ${t.score.toFixed(4)}`).join(', '));
    expect(tags.map((t) => t.key)).toEqual(['L2H0', 'L3H1', 'L3H3', 'L4H3', 'L5H1', 'L7H3']);
    expect(tags.every((t) => t.role === 'previous-token')).toBe(true);
    expect(tags.find((t) => t.key === 'L2H0')!.score.toFixed(2)).toBe('0.48');
    expect(tags.find((t) => t.key === 'L7H3')!.score.toFixed(2)).toBe('0.40');
  });

  it('has previous-token heads: at least two heads put over half their attention on the previous token, on prose and on random tokens', () => {
    const tok = loadBpe(read('models/tokenizer/austen-bpe-4096.json').toString('utf8'));
    for (const ids of [tok.encode(TEXT), repeatedRandomTokens(1, 30, 256, cfg.vocabSize)]) {
      const ranked = rankHeads(scoreHeads(run(ids).probs, 'previous'));
      console.log('previous-token', ranked.slice(0, 5).map(fmt).join(', '));
      expect(ranked[1].score).toBeGreaterThan(0.5);
      expect(ranked[1].score).toBeGreaterThan(5 * uniformBaseline('previous', ids.length));
    }
  });

  it('has no first-token head on the default sentence: every head gives token 0 less than a third of its attention', () => {
    const tok = loadBpe(read('models/tokenizer/austen-bpe-4096.json').toString('utf8'));
    const ranked = rankHeads(scoreHeads(run(tok.encode(TEXT)).probs, 'first'));
    console.log('first-token', ranked.slice(0, 3).map(fmt).join(', '));
    expect(ranked[0].score).toBeLessThan(1 / 3);
    expect(ranked[0].score).toBeGreaterThan(0); // it is a real number, not an empty mean
  });

  for (const seed of [1, 2, 3]) {
    it(`has no induction head on repeated random tokens (seed ${seed}, 2 × 30): every score < 0.04, copy 2 is not predicted better than copy 1, both about 15 nats (above ln 4096)`, () => {
      const ids = repeatedRandomTokens(seed, 30, 256, cfg.vocabSize);
      const { probs, logits } = run(ids);
      const ranked = rankHeads(scoreHeads(probs, 'induction', 30));
      const loss = copyLosses(logits, ids, 30, cfg.vocabSize);
      console.log(`induction seed ${seed}`, ranked.slice(0, 3).map(fmt).join(', '), `uniform ${uniformBaseline('induction', 60, 30).toFixed(3)}`, `loss ${loss.first.toFixed(2)} → ${loss.second.toFixed(2)}`);
      expect(ranked[0].score).toBeLessThan(0.04);
      expect(ranked[0].score).toBeGreaterThan(0);
      expect(loss.second).toBeGreaterThan(loss.first - 0.05); // no better on copy 2
      for (const l of [loss.first, loss.second]) {
        expect(l).toBeGreaterThan(14.5); // "about 15 nats"
        expect(l).toBeLessThan(15.5);
      }
      expect(Math.log(4096)).toBeCloseTo(8.3, 1); // a uniform guess over the vocabulary
    });
  }

  for (const period of [10, 80]) {
    it(`has no induction head at block length ${period} either (seed 1): every score < 0.15, copy 2's loss within 0.5 nats of copy 1's`, () => {
      const ids = repeatedRandomTokens(1, period, 256, cfg.vocabSize);
      const { probs, logits } = run(ids);
      const ranked = rankHeads(scoreHeads(probs, 'induction', period));
      const loss = copyLosses(logits, ids, period, cfg.vocabSize);
      console.log(`induction period ${period}`, ranked.slice(0, 3).map(fmt).join(', '), `uniform ${uniformBaseline('induction', 2 * period, period).toFixed(4)}`, `loss ${loss.first.toFixed(2)} → ${loss.second.toFixed(2)}`);
      expect(ranked[0].score).toBeLessThan(0.15);
      expect(Math.abs(loss.second - loss.first)).toBeLessThan(0.5);
    });
  }

  it('shows no induction either on a real sentence read twice: no head attends from the second copy to the token after the first occurrence, and the second copy is not much easier', () => {
    const tok = loadBpe(read('models/tokenizer/austen-bpe-4096.json').toString('utf8'));
    for (const text of [TEXT, 'Zebra quantum velvet orbit lantern pickle marble thunder crayon violin socket meadow.']) {
      const block = tok.encode(` ${text}`);
      const ids = [...block, ...block];
      const { probs, logits } = run(ids);
      const ranked = rankHeads(scoreHeads(probs, 'induction', block.length));
      const loss = copyLosses(logits, ids, block.length, cfg.vocabSize);
      console.log(`natural repeat (${block.length} tokens)`, ranked.slice(0, 3).map(fmt).join(', '), `uniform ${uniformBaseline('induction', ids.length, block.length).toFixed(3)}`, `loss ${loss.first.toFixed(2)} → ${loss.second.toFixed(2)}`);
      expect(ranked[0].score).toBeLessThan(0.05);
      expect(loss.second).toBeGreaterThan(loss.first - 0.5); // an induction model would drop by nats, not tenths
      if (text === TEXT) {
        expect(loss.first.toFixed(2)).toBe('3.65'); // the figures the lesson quotes
        expect(loss.second.toFixed(2)).toBe('3.41');
      }
    }
  });

  it("the corpus the lesson quotes: under 3 million training tokens, each seen dozens of times (8000 steps × 16384 tokens)", () => {
    const m = manifest().models.lm as unknown as { corpus: { tokens: number }[]; training: { steps: number; tokensPerStep: number } };
    const total = m.corpus.reduce((s, c) => s + c.tokens, 0);
    expect(total).toBeLessThan(3e6);
    expect(total).toBeGreaterThan(2.7e6);
    expect((m.training.steps * m.training.tokensPerStep) / total).toBeGreaterThan(40);
  });

  it('the uniform baseline the lesson quotes: about 0.07 for a block of 10, under 0.01 for 80, about 0.02 for 30', () => {
    expect(uniformBaseline('induction', 20, 10)).toBeCloseTo(0.067, 3);
    expect(uniformBaseline('induction', 160, 80)).toBeLessThan(0.01);
    expect(uniformBaseline('induction', 60, 30)).toBeCloseTo(0.023, 3);
  });
});

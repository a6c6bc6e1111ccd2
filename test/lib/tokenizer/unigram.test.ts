import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@/lib/tensor/rng';
import { addExpectedCounts, type Lattice } from '@/lib/tokenizer/lattice';
import { trainUnigram } from '@/lib/tokenizer/unigram-train';
import { TOY_SEGMENTATIONS, toyUnigram } from '../../fixtures/tokenizer/unigram-toy';

const prose = readFileSync('test/fixtures/tokenizer/prose.txt', 'utf8');
// Example of unigram.ts's doc comment: the four segmentations of "▁ab" and their log-probs
const toy = toyUnigram();
const SEGS = TOY_SEGMENTATIONS;

describe('Unigram inference', () => {
  it('Viterbi picks the most probable segmentation (▁a|b, log p = -3, derived by hand)', () => {
    const v = toy.viterbiSegmentation('ab');
    expect(v.pieces.join('|')).toBe('▁a|b');
    expect(v.score).toBeCloseTo(-3, 12);
  });

  it('n-best lists the segmentations in order of probability', () => {
    expect(toy.nBest('ab', 4).map((s) => [s.pieces.join('|'), s.score])).toEqual(SEGS);
  });

  it.each([0.5, 1, 2])('sampling with alpha=%s draws segmentations with P ∝ P(seg)^alpha', (alpha) => {
    const rng = mulberry32(99);
    const counts = new Map<string, number>();
    const N = 20000;
    for (let i = 0; i < N; i++) {
      const k = toy.sample('ab', alpha, rng).pieces.join('|');
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const z = SEGS.reduce((s, [, lp]) => s + Math.exp(alpha * lp), 0);
    for (const [seg, lp] of SEGS) expect((counts.get(seg) ?? 0) / N).toBeCloseTo(Math.exp(alpha * lp) / z, 1.5);
  });

  it('unknown characters become <unk> (id 0) and the rest still segments', () => {
    const ids = toy.encode('abz');
    expect(ids[ids.length - 1]).toBe(0);
    expect(toy.decode(ids)).toBe('ab\uFFFD');
  });

  it('forward-backward expected counts equal brute-force enumeration of all paths', () => {
    // lattice of "▁ab": ids 1=▁ 2=a 3=b 4=▁a 5=ab 6=▁ab
    const cps = ['▁', 'a', 'b'];
    const lat: Lattice = toy.lattice(cps);
    const counts = new Float64Array(7);
    const logZ = addExpectedCounts(lat, 3, 1, counts);
    const paths: [number[], number][] = [[[4, 3], -3], [[1, 5], -3.5], [[6], -5], [[1, 2, 3], -6]];
    const z = paths.reduce((s, [, lp]) => s + Math.exp(lp), 0);
    expect(logZ).toBeCloseTo(Math.log(z), 12);
    const want = new Float64Array(7);
    for (const [ids, lp] of paths) for (const id of ids) want[id] += Math.exp(lp) / z;
    for (let id = 1; id < 7; id++) expect(counts[id]).toBeCloseTo(want[id], 12);
  });
});

describe('trainUnigram', () => {
  const { tokenizer, rounds } = trainUnigram(prose, 300);

  it('shrinks a large seed vocabulary to at most vocabSize pieces, keeping every character', () => {
    expect(rounds[0].vocabSize).toBeGreaterThan(300);
    expect(tokenizer.vocabSize).toBeLessThanOrEqual(300);
    for (const c of new Set(prose.replaceAll(' ', '▁'))) expect(tokenizer.idOf(c), c).toBeDefined();
  });

  it('decode(encode(x)) is the identity on the training text', () => {
    expect(tokenizer.decode(tokenizer.encode(prose))).toBe(prose);
  });

  it('segments with fewer tokens than characters and learns frequent words whole', () => {
    expect(tokenizer.encode(prose).length).toBeLessThan(prose.length * 0.6);
    expect(tokenizer.idOf('▁the')).toBeDefined();
  });

  it('the corpus log-likelihood per round is finite and training is deterministic', () => {
    for (const r of rounds) expect(Number.isFinite(r.logLikelihood)).toBe(true);
    expect(trainUnigram(prose, 300).tokenizer.pieces).toEqual(tokenizer.pieces);
  });

  it('spans of encodeWithSpans cover the text in order', () => {
    const text = 'It is a truth,  universally';
    const spans = tokenizer.encodeWithSpans(text);
    expect(spans.map((s) => s.id)).toEqual(tokenizer.encode(text));
    expect(spans.map((s) => text.slice(s.start, s.end)).join('')).toBe(text);
  });
});

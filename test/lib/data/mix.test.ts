/** The training mix of lm from models/manifest.json and its training log, against hand arithmetic. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LITERATURE_SCALE, trainingMix } from '@/lib/data';

const manifest = JSON.parse(readFileSync('models/manifest.json', 'utf8'));
const log = JSON.parse(readFileSync('models/lm/training-log.json', 'utf8'));

describe('training mix', () => {
  it('toy case from the doc comment', () => {
    const m = trainingMix([{ name: 'a', tokens: 100, mixWeight: 2 }, { name: 'b', tokens: 50, mixWeight: 1 }], { tokensPerStep: 30, steps: 10, annealFromStep: 10 });
    expect(m.map((s) => [s.mixShare, s.seen, s.epochs])).toEqual([[2 / 3, 200, 2], [1 / 3, 100, 2]]);
  });

  it("lm: manifest tokens and weights 2:1:1, 16,384 tokens a step, annealed on Austen from step 6000, best step 7700", () => {
    const lm = manifest.models.lm;
    const sources = lm.corpus.map((c: { text: string; tokens: number; mixWeight: number }) => ({ name: c.text, tokens: c.tokens, mixWeight: c.mixWeight }));
    expect(sources.map((s: { tokens: number }) => s.tokens)).toEqual([1016970, 418005, 1315475]);
    // the token files the trainer read agree with the manifest
    expect(Object.values(log.trainTokens)).toEqual([1016970, 418005, 1315475]);
    const m = trainingMix(sources, { tokensPerStep: lm.training.tokensPerStep, steps: lm.training.bestStep, annealFromStep: log.annealFromStep });
    expect(m.map((s) => s.mixShare)).toEqual([0.5, 0.25, 0.25]);
    // 6000 mixed steps × 16384 = 98,304,000 tokens; then 1700 Austen-only steps = 27,852,800
    expect(m[0].seen).toBe(49_152_000 + 27_852_800);
    expect(m[1].seen).toBe(24_576_000);
    expect(m[2].seen).toBe(24_576_000);
    expect(m[0].epochs).toBeCloseTo(77_004_800 / 1_016_970, 9); // ≈ 75.7
    expect(m[2].tokenShare).toBeCloseTo(1315475 / 2750450, 12);
  });

  it('literature scale: GPT-3 saw 300B tokens, about 109,000 times our 2.75M unique tokens', () => {
    const gpt3 = LITERATURE_SCALE.find((e) => e.model.startsWith('GPT-3'))!;
    expect(gpt3.tokens).toBe(3e11);
    expect(Math.round(gpt3.tokens / 2_750_450 / 1000)).toBe(109);
    expect(LITERATURE_SCALE.map((e) => e.tokens)).toEqual([3e11, 3e11, 1.4e12, 2e12]);
  });
});

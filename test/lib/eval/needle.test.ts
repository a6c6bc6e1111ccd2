/** lib/eval/needle: planting positions, scoring and the grid by hand; the candidate names are single tokens of the lab's BPE. */
import { describe, expect, it } from 'vitest';
import { keyName, NAMES, needleGrid, needleText, plant, QUERY, scoreKey } from '@/lib/eval/needle';
import { bpe } from './real';

describe('planting a needle', () => {
  const hay = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
  it('depth 0 puts the needle first, depth 1 right before the question, and the length is n', () => {
    expect(plant(hay, [1, 2], [7], 7, 0)).toEqual({ ids: [1, 2, 10, 11, 12, 13, 7], needleAt: 0 });
    expect(plant(hay, [1, 2], [7], 7, 1)).toEqual({ ids: [10, 11, 12, 13, 1, 2, 7], needleAt: 4 });
    expect(plant(hay, [1, 2], [7], 7, 0.5)).toEqual({ ids: [10, 11, 1, 2, 12, 13, 7], needleAt: 2 });
    expect(plant(hay, [1, 2], [7], 8, 0.25).needleAt).toBe(1); // round(0.25 · 5)
    expect(plant(hay, [], [7], 4, 0.5).ids).toEqual([10, 11, 12, 7]); // the control: no needle
  });
  it('refuses a context too short for the needle or a hay too short for the fill', () => {
    expect(() => plant(hay, [1, 2], [7], 2, 0)).toThrow();
    expect(() => plant(hay, [1, 2], [7], 20, 0)).toThrow();
  });
  it('scores the last row: picked among candidates, greedy over the vocabulary', () => {
    // n = 2 rows, V = 4; last row logits [0, 3, 2, 5]
    const logits = [9, 9, 9, 9, 0, 3, 2, 5];
    const s = scoreKey(logits, 4, 2, 1, [1, 2]);
    expect(s.picked).toBe(true);
    expect(s.greedy).toBe(false);
    const z = Math.log(1 + Math.exp(3) + Math.exp(2) + Math.exp(5));
    expect(s.keyLogProb).toBeCloseTo(3 - z, 12);
    expect(scoreKey(logits, 4, 2, 3, [1, 2, 3]).greedy).toBe(true);
    expect(scoreKey(logits, 4, 2, 2, [1, 2]).picked).toBe(false);
  });
  it('every candidate name, the needle and the question tokenize as the grid expects', () => {
    const t = bpe();
    for (const n of NAMES) expect(t.encode(` ${n}`).length, n).toBe(1);
    expect(t.decode(t.encode(needleText('Bates')))).toBe(' The lady was Miss Bates. Remember it.');
    expect(t.encode(QUERY).length).toBeGreaterThan(1);
    expect(NAMES).toContain(keyName(1));
    expect(keyName(1)).toBe(keyName(1));
  });
  it('the grid runs one forward per trial and counts a model that always answers the key', async () => {
    const t = bpe();
    const encode = (s: string) => t.encode(s);
    const hays = [Array.from({ length: 200 }, (_, i) => 300 + i)];
    const lens: number[] = [];
    // a fake model that copies: the last row puts 10 on the token after the needle's "Miss"
    const forward = async (ids: number[]) => {
      lens.push(ids.length);
      const V = t.vocabSize;
      const logits = new Float32Array(ids.length * V);
      const q = encode(QUERY);
      let key = 0;
      for (let i = 0; i + q.length < ids.length - q.length; i++) if (q.every((x, j) => ids[i + j] === x)) key = ids[i + q.length];
      logits[(ids.length - 1) * V + key] = 10;
      return { logits, vocab: V };
    };
    const cells = await needleGrid({ lengths: [64, 128], depths: [0, 1], seeds: [1, 2, 3] }, hays, encode, forward);
    expect(lens).toEqual([64, 64, 64, 64, 64, 64, 128, 128, 128, 128, 128, 128]);
    expect(cells.map((c) => [c.length, c.depth, c.picked, c.greedy, c.trials])).toEqual([
      [64, 0, 3, 3, 3], [64, 1, 3, 3, 3], [128, 0, 3, 3, 3], [128, 1, 3, 3, 3],
    ]);
    const control = await needleGrid({ lengths: [64], depths: [1], seeds: [1, 2, 3], withNeedle: false }, hays, encode, forward);
    expect(control[0].picked).toBe(0);
  });
});

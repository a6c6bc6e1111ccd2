import { describe, expect, it } from 'vitest';
import { beamSearch, generate, type NextLogits } from '@/lib/sample';

/**
 * A 3-step toy tree over tokens {0: eos, 1: A, 2: B, 3: X, 4: Y}, prompt [9].
 * Probabilities by prefix (the rest of each row is spread over unlisted tokens):
 *   []      A 0.5, B 0.4, X 0.05, Y 0.05
 *   [A]     X 0.4, Y 0.35, A 0.15, B 0.1
 *   [B]     X 0.9, Y 0.04, A 0.03, B 0.03
 *   [A X]   eos 0.5, A 0.5        [A Y] eos 0.6, …      [B X] eos 1.0 (nearly)
 * Hand-computed sequence probabilities to eos (3 tokens):
 *   greedy:  A(0.5) X(0.4) then eos/A tie(0.5)   → A X eos = 0.10
 *   best:    B(0.4) X(0.9) eos(~1)               → B X eos ≈ 0.35
 */
const TREE: Record<string, number[]> = {
  '': [0, 0.5, 0.4, 0.05, 0.05],
  '1': [0, 0.15, 0.1, 0.4, 0.35],
  '2': [0, 0.03, 0.03, 0.9, 0.04],
  '1,3': [0.5, 0.5, 0, 0, 0],
  '1,4': [0.6, 0.1, 0.1, 0.1, 0.1],
  '2,3': [0.97, 0.01, 0.01, 0.005, 0.005],
};
const toy: NextLogits = (ids) => {
  const row = TREE[ids.slice(1).join(',')] ?? [0.2, 0.2, 0.2, 0.2, 0.2];
  return Float32Array.from(row, (p) => Math.log(p + 1e-12));
};

describe('beamSearch', () => {
  it('finds B X <eos> (p ≈ 0.35) on the toy tree, which greedy misses', async () => {
    const g = await generate({ nextLogits: toy, prompt: [9], maxNewTokens: 3, stopIds: [0] });
    expect(g.newIds).toEqual([1, 3]); // greedy took A first
    const [best] = await beamSearch({ nextLogits: toy, prompt: [9], beamWidth: 2, maxNewTokens: 3, stopIds: [0], lengthPenalty: 0 });
    expect(best.newIds).toEqual([2, 3, 0]);
    expect(best.finished).toBe(true);
    expect(Math.exp(best.logProb)).toBeCloseTo(0.4 * 0.9 * 0.97, 5);
  });

  it('with width 1 is greedy', async () => {
    const [only] = await beamSearch({ nextLogits: toy, prompt: [9], beamWidth: 1, maxNewTokens: 2, lengthPenalty: 0 });
    const g = await generate({ nextLogits: toy, prompt: [9], maxNewTokens: 2 });
    expect(only.newIds).toEqual(g.newIds);
  });

  it('returns hypotheses sorted by score with log-probabilities that match the tree', async () => {
    const hyps = await beamSearch({ nextLogits: toy, prompt: [9], beamWidth: 3, maxNewTokens: 2, lengthPenalty: 0 });
    expect(hyps.map((h) => h.newIds)).toEqual([[2, 3], [1, 3], [1, 4]]);
    expect(hyps.map((h) => Math.exp(h.logProb))).toEqual([0.36, 0.2, 0.175].map((p) => expect.closeTo(p, 6)));
  });

  it('gives every extra child beam its own forked cache', async () => {
    const forks: number[] = [];
    let next = 1;
    const step: NextLogits<{ id: number; len: number }> = (ids, c) => {
      expect(c).toBeDefined();
      c!.len = ids.length;
      return toy(ids);
    };
    await beamSearch({
      nextLogits: step, prompt: [9], beamWidth: 2, maxNewTokens: 2, lengthPenalty: 0,
      cache: { id: 0, len: 0 },
      forkCache: (c) => { forks.push(c.id); return { id: next++, len: c.len }; },
    });
    // step 1 expands the prompt beam into A and B: one fork of cache 0.
    // step 2 keeps B X and A X (different parents): no fork needed.
    expect(forks).toEqual([0]);
  });
});

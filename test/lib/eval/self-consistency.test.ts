/** lib/eval/self-consistency: the vote, first-word extraction, and seeded sampling with a fake model. */
import { describe, expect, it } from 'vitest';
import { continueWord, firstWord, majorityVote, selfConsistency } from '@/lib/eval/self-consistency';

describe('self-consistency', () => {
  it('votes for the most frequent answer; a tie goes to the one seen first', () => {
    expect(majorityVote(['Bennet', 'Darcy', 'Bennet'])).toEqual({ answer: 'Bennet', count: 2, tally: [['Bennet', 2], ['Darcy', 1]] });
    expect(majorityVote(['b', 'a', 'a', 'b']).answer).toBe('b');
    expect(majorityVote([]).answer).toBe('');
  });
  it('takes the first word of a continuation', () => {
    expect(firstWord(' Bennet, said she')).toBe('Bennet');
    expect(firstWord("  drawing-room's door")).toBe("drawing-room's");
    expect(firstWord(' 42 things')).toBe('42');
  });

  // V = 3: id 0 = " a", 1 = "b", 2 = "." ; logits: ln [.5, .5, 0+] after the context, then "." is certain
  const decode = (ids: number[]) => ids.map((i) => [' a', 'b', '.'][i]).join('');
  const forward = async (ids: number[]) => ({
    vocab: 3,
    logits: ids.flatMap((_, t) => (t === ids.length - 1 && ids.length === 1 ? [0, 0, -30] : [-30, -30, 0])),
  });
  it('stops a word at punctuation and is greedy at temperature 0', async () => {
    expect(await continueWord([2], forward, decode, 0, 4, { uniform: () => 0 })).toBe('a');
  });
  it('draws with the seeded rng: the same seed gives the same samples, and the vote is their mode', async () => {
    const a = await selfConsistency([2], 15, forward, decode, { maxTokens: 3, temperature: 1, seed: 5 });
    const b = await selfConsistency([2], 15, forward, decode, { maxTokens: 3, temperature: 1, seed: 5 });
    expect(a).toEqual(b);
    expect(a.samples.length).toBe(15);
    expect(new Set(a.samples)).toEqual(new Set(['a', 'b']));
    const nA = a.samples.filter((s) => s === 'a').length;
    expect(a.vote.answer).toBe(nA >= 8 ? 'a' : 'b');
    expect(a.greedy).toBe('a'); // argmax: the first of two equal logits
  });
});

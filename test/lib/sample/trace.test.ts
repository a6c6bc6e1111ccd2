import { describe, expect, it } from 'vitest';
import { beamSearch, generate, traceGeneration, type BeamStep, type NextLogits } from '@/lib/sample';
import { mulberry32 } from '@/lib/tensor';
import { bigram } from './toyModels';

const fixed: NextLogits = () => Float32Array.from([2, 1, 0]);

describe('traceGeneration', () => {
  it('records, for greedy over logits (2, 1, 0), id 0 drawn with p 1, model p 0.665, rank 1, entropy 0', async () => {
    const { steps, result } = await traceGeneration({ nextLogits: fixed, prompt: [1], maxNewTokens: 2 });
    expect(result.newIds).toEqual([0, 0]);
    expect(steps).toHaveLength(2);
    const s = steps[0];
    expect(s.chosen).toBe(0);
    expect(s.chosenP).toBe(1);
    // softmax(2, 1, 0)_0 = e² / (e² + e + 1) = 0.66524…
    expect(s.chosenModelP).toBeCloseTo(Math.exp(2) / (Math.exp(2) + Math.E + 1), 12);
    expect(s.chosenModelRank).toBe(1);
    expect(s.entropy).toBe(0);
    expect(s.kept).toBe(1);
    expect(steps.map((x) => x.contextLength)).toEqual([1, 2]);
  });

  it('draws the same tokens as generate() with the same seed, and reports each drawn token\'s probability', async () => {
    const table = [[0.1, 0.6, 0.3], [0.5, 0.2, 0.3], [0.3, 0.3, 0.4]];
    const opts = { nextLogits: bigram(table), prompt: [0], maxNewTokens: 12, sampler: { temperature: 1 } };
    const plain = await generate({ ...opts, rng: mulberry32(7) });
    const { steps, result } = await traceGeneration({ ...opts, rng: mulberry32(7) });
    expect(result.newIds).toEqual(plain.newIds);
    const prev = [0, ...result.newIds];
    steps.forEach((s, i) => {
      expect(s.chosenP).toBeCloseTo(table[prev[i]][s.chosen], 6); // T = 1, no filter: drawn = model
      expect(s.chosenModelP).toBeCloseTo(table[prev[i]][s.chosen], 6);
    });
  });

  it('lists the top tokens of the drawn distribution and counts what top-k kept', async () => {
    const { steps } = await traceGeneration({ nextLogits: bigram([[0.1, 0.6, 0.3]]), prompt: [0], maxNewTokens: 1, sampler: { temperature: 1, topK: 2 }, rng: mulberry32(1) }, { top: 3 });
    const s = steps[0];
    expect(s.kept).toBe(2);
    expect(s.top.map((t) => t.id)).toEqual([1, 2, 0]);
    expect(s.top[0].p).toBeCloseTo(0.6 / 0.9, 6); // renormalized over the two kept
    expect(s.top[2].p).toBe(0);
    expect(s.top[2].model).toBeCloseTo(0.1, 6);
    // entropy of (2/3, 1/3)
    expect(s.entropy).toBeCloseTo(-(2 / 3) * Math.log(2 / 3) - (1 / 3) * Math.log(1 / 3), 6);
  });
});

describe('beamSearch onStep', () => {
  // Prefix → probabilities over {0: eos, 1: A, 2: B, 3: X}; prompt [9].
  const TREE: Record<string, number[]> = { '': [0, 0.5, 0.4, 0.1], '1': [0, 0.1, 0.1, 0.8], '2': [0, 0.05, 0.05, 0.9] };
  const toy: NextLogits = (ids) => Float32Array.from(TREE[ids.slice(1).join(',')] ?? [0.25, 0.25, 0.25, 0.25], (p) => Math.log(p + 1e-12));

  it('reports the kept beams with their parents and cumulative log-probabilities, step by step', async () => {
    const steps: BeamStep[] = [];
    await beamSearch({ nextLogits: toy, prompt: [9], beamWidth: 2, maxNewTokens: 2, lengthPenalty: 0, onStep: (s) => steps.push(s) });
    expect(steps.map((s) => s.beams.map((b) => [b.parent, b.id]))).toEqual([
      [[0, 1], [0, 2]], // A (0.5), B (0.4)
      [[0, 3], [1, 3]], // A X = 0.5·0.8 = 0.40, then B X = 0.4·0.9 = 0.36
    ]);
    expect(Math.exp(steps[1].beams[0].logProb)).toBeCloseTo(0.4, 6);
    expect(Math.exp(steps[1].beams[1].logProb)).toBeCloseTo(0.36, 6);
    expect(Math.exp(steps[1].beams[1].tokenLogProb)).toBeCloseTo(0.9, 6);
    expect(steps[0].dropped.map((d) => d.id)).toContain(3); // X (0.1) fell out at step 1
  });
});

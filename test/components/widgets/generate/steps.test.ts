import { describe, expect, it } from 'vitest';
import { attentionOf, headMatrix, idsFeed, lastStep, samplerOf, speedOf } from '@/components/widgets/generate/steps';
import { names } from '@/lib/model/names';
import type { WireTensor } from '@/lib/runtime/protocol';

const f32 = (dims: number[], data: number[]): WireTensor => ({ dtype: 'float32', dims, data: Float32Array.from(data) });

describe('samplerOf', () => {
  it('treats topK 0 and topP 1 as off', () => {
    expect(samplerOf({ temperature: 0.8, topK: 0, topP: 1 })).toEqual({ temperature: 0.8 });
    expect(samplerOf({ temperature: 1, topK: 40, topP: 0.9 })).toEqual({ temperature: 1, topK: 40, topP: 0.9 });
  });
});

describe('idsFeed', () => {
  it('makes the int64 [1, T] ids input', () => {
    const t = idsFeed([3, 1, 4])[names.ids()];
    expect(t.dims).toEqual([1, 3]);
    expect(Array.from(t.data as BigInt64Array)).toEqual([3n, 1n, 4n]);
  });
});

describe('attentionOf / headMatrix', () => {
  // 2 layers, 2 heads, T = S = 2; values name their place: layer·100 + head·10 + (row·2 + col)
  const probs = (l: number) => f32([1, 2, 2, 2], [0, 1, 2, 3, 10, 11, 12, 13].map((v) => l * 100 + v));
  const outputs = { [names.attnProbs(0)]: probs(0), [names.attnProbs(1)]: probs(1), [names.logits()]: f32([1, 2, 1], [0, 0]) };

  it('collects every layer’s attnProbs tap with its shape', () => {
    const a = attentionOf(outputs);
    expect([a.layers.length, a.nHead, a.T, a.S]).toEqual([2, 2, 2, 2]);
  });

  it('slices one head as a [T, S] matrix and clamps layer/head to the model', () => {
    const a = attentionOf(outputs);
    expect(Array.from(headMatrix(a, 1, 1))).toEqual([110, 111, 112, 113]);
    expect(Array.from(headMatrix(a, 9, 9))).toEqual([110, 111, 112, 113]);
    expect(Array.from(headMatrix(a, 0, 0))).toEqual([0, 1, 2, 3]);
  });

  it('fails clearly when the run has no attention taps', () => {
    expect(() => attentionOf({ [names.logits()]: f32([1, 1, 1], [0]) })).toThrow(/no tap\.blocks\.0\.attn\.probs/);
  });
});

describe('lastStep', () => {
  // logits [1, 3, 2]: rows predict positions 1, 2, 3
  const logits = f32([1, 3, 2], [0, 0, Math.log(3), 0, 5, 5]);

  it('uses the row that predicted the last generated token and marks that token', () => {
    const s = lastStep(logits, [0, 1, 0], 1, { temperature: 1 });
    // row 1: softmax(ln 3, 0) = (0.75, 0.25)
    expect(Array.from(s.probs).map((p) => +p.toFixed(6))).toEqual([0.75, 0.25]);
    expect(s.chosen).toBe(0);
    expect(s.greedy).toBe(false);
  });

  it('uses the last row with no generated token, and the model softmax when greedy', () => {
    const s = lastStep(logits, [0, 1, 0], 0, { temperature: 0 });
    expect(Array.from(s.probs)).toEqual([0.5, 0.5]);
    expect(s.chosen).toBeUndefined();
    expect(s.greedy).toBe(true);
  });

  it('applies top-k like the sampler did', () => {
    const s = lastStep(logits, [0, 1, 0], 1, { temperature: 1, topK: 1 });
    expect(Array.from(s.probs)).toEqual([1, 0]);
  });
});

describe('speedOf', () => {
  it('separates the first (prefill) step from the decode rate', () => {
    expect(speedOf([100, 50, 50])).toEqual({ tokens: 3, firstMs: 100, decodePerS: 20, totalMs: 200 });
    expect(speedOf([80]).decodePerS).toBeNull();
    expect(speedOf([]).tokens).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@/lib/tensor';
import { generate, generateStream, type NextLogits } from '@/lib/sample';
import { bigram } from './toyModels';

// 0 = <eos>; greedy chain 1 → 2 → 3 → 1 → …, and token 3 may end the text.
const chain = bigram([
  [0.25, 0.25, 0.25, 0.25],
  [0.05, 0.05, 0.8, 0.1],
  [0.05, 0.05, 0.1, 0.8],
  [0.3, 0.6, 0.05, 0.05],
]);

describe('generate', () => {
  it('follows the greedy chain 1 → 2 → 3 → 1 for maxNewTokens steps', async () => {
    const r = await generate({ nextLogits: chain, prompt: [1], maxNewTokens: 5 });
    expect(r.newIds).toEqual([2, 3, 1, 2, 3]);
    expect(r.ids).toEqual([1, 2, 3, 1, 2, 3]);
    expect(r.stopReason).toBe('max-tokens');
  });

  it('stops on a stop id without appending it', async () => {
    const eosAfter3 = bigram([[1, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0]].map((r) => r.map((p) => p + 1e-9)));
    const r = await generate({ nextLogits: eosAfter3, prompt: [1], maxNewTokens: 10, stopIds: [0] });
    expect(r).toEqual({ ids: [1, 2, 3], newIds: [2, 3], stopReason: 'stop-id', stopId: 0 });
  });

  it('stops at the context length', async () => {
    const r = await generate({ nextLogits: chain, prompt: [1, 2], maxNewTokens: 10, contextLength: 4 });
    expect(r.ids.length).toBe(4);
    expect(r.stopReason).toBe('context');
  });

  it('streams the same tokens through the async iterator and the callback', async () => {
    const rngA = mulberry32(5);
    const rngB = mulberry32(5);
    const opts = { nextLogits: chain, prompt: [1], maxNewTokens: 12, sampler: { temperature: 1 } };
    const streamed: number[] = [];
    for await (const e of generateStream({ ...opts, rng: rngA })) streamed.push(e.id);
    const called: number[] = [];
    const r = await generate({ ...opts, rng: rngB }, (e) => called.push(e.id));
    expect(streamed).toEqual(called);
    expect(r.newIds).toEqual(called);
  });

  it('passes the same cache object on every step so the step can process only new ids', async () => {
    const seen: number[][] = [];
    const cache = { length: 0 };
    const step: NextLogits<typeof cache> = (ids, c) => {
      seen.push(ids.slice(c!.length)); // the ids this step has not seen yet
      c!.length = ids.length;
      return chain(ids);
    };
    await generate({ nextLogits: step, prompt: [1, 2], maxNewTokens: 3, cache });
    expect(seen).toEqual([[1, 2], [3], [1]]);
  });

  it('stops with reason "aborted" when the signal fires', async () => {
    const ac = new AbortController();
    const r = await generate({ nextLogits: chain, prompt: [1], maxNewTokens: 100, signal: ac.signal }, (e) => {
      if (e.index === 2) ac.abort();
    });
    expect(r.newIds.length).toBe(3);
    expect(r.stopReason).toBe('aborted');
  });

  it('awaits an async step function (an ORT session returns a Promise)', async () => {
    const asyncChain: NextLogits = async (ids) => chain(ids);
    const r = await generate({ nextLogits: asyncChain, prompt: [2], maxNewTokens: 3 });
    expect(r.newIds).toEqual([3, 1, 2]);
  });

  it('refuses to sample with temperature > 0 and no rng', async () => {
    await expect(generate({ nextLogits: chain, prompt: [1], maxNewTokens: 1, sampler: { temperature: 1 } })).rejects.toThrow(/needs an rng/);
  });
});

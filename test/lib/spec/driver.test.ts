import { describe, expect, it } from 'vitest';
import { eagerStep } from '@/lib/model/kvcache';
import { randomWeights } from '@/lib/model/init';
import { presets } from '@/lib/model/presets';
import type { TransformerConfig } from '@/lib/model/config';
import { mulberry32 } from '@/lib/tensor';
import { eagerLM, plainGenerate, speculativeGenerate, specStats, type SpecLM } from '@/lib/spec';

/** A "model" from a bigram table: the next-token distribution depends on the previous token only. */
function bigramLM(table: number[][]): SpecLM & { calls: number } {
  const m = {
    calls: 0,
    async rows(ids: readonly number[], n: number) {
      m.calls++;
      return Array.from({ length: n }, (_, i) => Float32Array.from(table[ids[ids.length - n + i]], Math.log));
    },
  };
  return m;
}

// 5 symbols; rows sum to 1. The draft is a deliberately different table.
const TP = [
  [0.4, 0.25, 0.2, 0.1, 0.05],
  [0.1, 0.1, 0.5, 0.2, 0.1],
  [0.3, 0.3, 0.1, 0.2, 0.1],
  [0.05, 0.05, 0.1, 0.4, 0.4],
  [0.2, 0.2, 0.2, 0.2, 0.2],
];
const TQ = [
  [0.1, 0.3, 0.3, 0.05, 0.25],
  [0.2, 0.2, 0.2, 0.2, 0.2],
  [0.6, 0.1, 0.1, 0.1, 0.1],
  [0.25, 0.25, 0.1, 0.2, 0.2],
  [0.05, 0.05, 0.1, 0.4, 0.4],
];

describe('speculative decoding driver', () => {
  it('the first two emitted tokens are jointly distributed as the target p(x1) p(x2 | x1) (χ², 25 cells, N = 30,000)', async () => {
    // Under H0 Pearson's χ² with 24 degrees of freedom exceeds 51.18 with probability 0.001;
    // deterministic given the seed. Drawing the pair from the draft alone gives a huge χ² (power check).
    const N = 30_000;
    const rng = mulberry32(5);
    const counts = new Array(25).fill(0);
    const draftOnly = new Array(25).fill(0);
    const target = bigramLM(TP);
    const draft = bigramLM(TQ);
    for (let n = 0; n < N; n++) {
      const r = await speculativeGenerate({ target, draft, prompt: [0], maxNewTokens: 2, k: 3, rng });
      counts[r.newIds[0] * 5 + r.newIds[1]]++;
      const a = pick(TQ[0], rng.uniform());
      draftOnly[a * 5 + pick(TQ[a], rng.uniform())]++;
    }
    const want = Array.from({ length: 25 }, (_, c) => TP[0][Math.floor(c / 5)] * TP[Math.floor(c / 5)][c % 5]);
    const chi = (cs: number[]) => cs.reduce((s, c, i) => s + (c - N * want[i]) ** 2 / (N * want[i]), 0);
    expect(chi(counts)).toBeLessThan(51.18);
    expect(chi(draftOnly)).toBeGreaterThan(1000);
  });

  it('counts one target call per round and k draft calls per round', async () => {
    const target = bigramLM(TP);
    const draft = bigramLM(TQ);
    const r = await speculativeGenerate({ target, draft, prompt: [0, 1], maxNewTokens: 40, k: 4, rng: mulberry32(3) });
    expect(r.newIds).toHaveLength(40);
    expect(r.targetCalls).toBe(r.rounds.length);
    expect(target.calls).toBe(r.rounds.length);
    expect(draft.calls).toBe(r.draftCalls);
    const s = specStats(r.rounds);
    expect(s.tokensPerCall).toBeGreaterThanOrEqual(1);
    expect(s.tokensPerCall).toBeLessThanOrEqual(5);
    // every round checks its accepted drafts plus the first rejected one, if any
    const rejected = r.rounds.filter((x) => x.verify.final.kind === 'resampled').length;
    expect(s.checked).toBe(s.accepted + rejected);
    expect(s.alpha).toBeCloseTo(s.accepted / (s.accepted + rejected), 12);
  });

  it('stops at the context length and at an abort', async () => {
    const r = await speculativeGenerate({ target: bigramLM(TP), draft: bigramLM(TQ), prompt: [0, 1, 2], maxNewTokens: 50, k: 8, rng: mulberry32(1), contextLength: 10 });
    expect(r.newIds).toHaveLength(7);
    expect(r.stopReason).toBe('context');
    const ac = new AbortController();
    ac.abort();
    const a = await speculativeGenerate({ target: bigramLM(TP), draft: bigramLM(TQ), prompt: [0], maxNewTokens: 5, k: 2, rng: mulberry32(1), signal: ac.signal });
    expect(a.stopReason).toBe('aborted');
  });
});

function pick(q: number[], u: number): number {
  let acc = 0;
  for (let i = 0; i < q.length; i++) if (u < (acc += q[i])) return i;
  return q.length - 1;
}

describe('speculative decoding on tiny random transformers (eager, KV caches that roll back)', () => {
  const cfg = { ...presets['tiny-random'] } as TransformerConfig;
  const wt = randomWeights(cfg, 11, { std: 0.08 });
  const wd = randomWeights(cfg, 12, { std: 0.08 });

  it('a rolled-back cache gives the logits of a full forward pass', async () => {
    const lm = eagerLM(cfg, wt);
    const full = (ids: number[]) => eagerStep(cfg, wt, { data: BigInt64Array.from(ids, BigInt), shape: [1, ids.length] }).logits.data as Float32Array;
    const V = cfg.vocabSize;
    for (const [ids, n] of [[[1, 2, 3, 4, 5], 1], [[1, 2, 3, 9, 8, 7], 3], [[1, 2], 2], [[1, 2, 3, 9, 8, 7, 6], 1]] as [number[], number][]) {
      const got = await lm.rows(ids, n);
      const want = full(ids);
      got.forEach((row, i) => {
        const t = ids.length - n + i;
        for (let j = 0; j < V; j += 17) expect(row[j]).toBeCloseTo(want[t * V + j], 4);
      });
      expect(lm.cached()).toEqual(ids);
    }
  });

  it('greedy speculative decoding returns exactly the target greedy sequence, for k = 1, 3, 8', async () => {
    const prompt = [5, 17, 33, 2];
    const plain = await plainGenerate({ target: eagerLM(cfg, wt), prompt, maxNewTokens: 24, sampler: { temperature: 0 }, rng: mulberry32(0) });
    for (const k of [1, 3, 8]) {
      const r = await speculativeGenerate({ target: eagerLM(cfg, wt), draft: eagerLM(cfg, wd), prompt, maxNewTokens: 24, k, sampler: { temperature: 0 }, rng: mulberry32(0) });
      expect(r.newIds).toEqual(plain.newIds);
      expect(r.rounds.length).toBeLessThanOrEqual(24);
    }
  });

  it('a draft identical to the target has every token accepted (k + 1 tokens per call)', async () => {
    const r = await speculativeGenerate({ target: eagerLM(cfg, wt), draft: eagerLM(cfg, wt), prompt: [1, 2], maxNewTokens: 15, k: 4, sampler: { temperature: 1 }, rng: mulberry32(4) });
    const s = specStats(r.rounds);
    expect(s.acceptance).toBe(1);
    expect(r.rounds.map((x) => x.verify.emitted.length)).toEqual([5, 5, 5]);
  });
});

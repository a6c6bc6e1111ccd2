// Speculative decoding with the shipped lm (target) and lm-draft, eager TS forward in Node.
// The numbers quoted in content/lessons/speculative-decoding.mdx are asserted here.
import { describe, expect, it } from 'vitest';
import { loadBpe } from '@/lib/tokenizer/serialize';
import { mulberry32 } from '@/lib/tensor';
import { eagerLM, plainGenerate, speculativeGenerate, specStats } from '@/lib/spec';
import { manifest, readJson, weightsOf } from '../models/shipped';

export const PROMPT = 'It is a truth universally acknowledged, that';
const NEW = 48;

describe('speculative decoding with lm and lm-draft (shipped weights)', async () => {
  const m = manifest().models;
  const [wt, wd] = await Promise.all([weightsOf('lm'), weightsOf('lm-draft')]);
  const tok = loadBpe(readJson(m.lm.files.tokenizer));
  const prompt = tok.encode(PROMPT);

  it('greedy: the same 48 tokens as lm alone for every k = 1…8; k = 1 accepts 12 of 35 drafts, k = 4 gives 1.6 tokens per target call', async () => {
    const plain = await plainGenerate({ target: eagerLM(m.lm.config, wt), prompt, maxNewTokens: NEW, sampler: { temperature: 0 }, rng: mulberry32(0) });
    const stats: string[] = [];
    for (let k = 1; k <= 8; k++) {
      const r = await speculativeGenerate({ target: eagerLM(m.lm.config, wt), draft: eagerLM(m['lm-draft'].config, wd), prompt, maxNewTokens: NEW, k, sampler: { temperature: 0 }, rng: mulberry32(0) });
      expect(r.newIds).toEqual(plain.newIds);
      const s = specStats(r.rounds);
      stats.push(`k=${k} acc=${s.accepted}/${s.drafted} rounds=${r.rounds.length} tpc=${s.tokensPerCall.toFixed(3)}`);
    }
    expect(stats[0]).toBe('k=1 acc=12/35 rounds=36 tpc=1.333');
    expect(stats[3]).toBe('k=4 acc=18/113 rounds=30 tpc=1.600');
    expect(stats[7]).toBe('k=8 acc=18/216 rounds=30 tpc=1.600');
  }, 120_000);

  it('sampled (temperature 1, seed 42, k = 4): 30 of 71 drafts accepted, 48 tokens in 18 target calls', async () => {
    const r = await speculativeGenerate({ target: eagerLM(m.lm.config, wt), draft: eagerLM(m['lm-draft'].config, wd), prompt, maxNewTokens: NEW, k: 4, sampler: { temperature: 1 }, rng: mulberry32(42) });
    const s = specStats(r.rounds);
    expect(`acc=${s.accepted}/${s.drafted} rounds=${r.rounds.length} tpc=${s.tokensPerCall.toFixed(3)}`).toBe('acc=30/71 rounds=18 tpc=2.667');
  }, 60_000);
});

// Speculative decoding with the shipped lm (target) and lm-draft, eager TS forward in Node.
// The numbers quoted in content/lessons/speculative-decoding.mdx are asserted here.
import { describe, expect, it } from 'vitest';
import { loadBpe } from '@/lib/tokenizer/serialize';
import { mulberry32 } from '@/lib/tensor';
import { eagerLM, plainGenerate, speculativeGenerate, specStats } from '@/lib/spec';
import { lessonText } from '../../content/quoted-facts';
import { manifest, readJson, weightsOf } from '../models/shipped';

/** The lesson must contain this fragment (whitespace-insensitive): its numbers are built from lib's output below. */
const inLesson = (fragment: string) => expect(lessonText('speculative-decoding')).toContain(fragment.replace(/\s+/g, ' '));

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
    const [, acc1, drafted1] = /acc=(\d+)\/(\d+)/.exec(stats[0])!;
    inLesson(`temperature 0 and $k = 1$, ${acc1} of ${drafted1} draft tokens are accepted`);
    const [, rounds4, tpc4] = /rounds=(\d+) tpc=(\S+)/.exec(stats[3])!;
    inLesson(`with $k = 4$ the ${NEW} tokens take ${rounds4} calls of \`lm\`, ${Number(tpc4).toFixed(1)} tokens per call, and $k = 8$ gives exactly the same`);
  }, 120_000);

  it('sampled (temperature 1, seed 42, k = 4): 30 of 71 drafts accepted, 48 tokens in 18 target calls', async () => {
    const r = await speculativeGenerate({ target: eagerLM(m.lm.config, wt), draft: eagerLM(m['lm-draft'].config, wd), prompt, maxNewTokens: NEW, k: 4, sampler: { temperature: 1 }, rng: mulberry32(42) });
    const s = specStats(r.rounds);
    expect(`acc=${s.accepted}/${s.drafted} rounds=${r.rounds.length} tpc=${s.tokensPerCall.toFixed(3)}`).toBe('acc=30/71 rounds=18 tpc=2.667');
    inLesson(`temperature 1 with seed 42 and $k = 4$, ${s.accepted} of ${s.drafted} drafts are accepted and ${r.newIds.length} tokens take ${r.rounds.length} calls of \`lm\``);
  }, 60_000);

  it('lm-distill as the draft: greedy output is still exactly lm\'s, and it is accepted more often than lm-draft (k = 4)', async () => {
    const wdist = await weightsOf('lm-distill');
    const plain = await plainGenerate({ target: eagerLM(m.lm.config, wt), prompt, maxNewTokens: NEW, sampler: { temperature: 0 }, rng: mulberry32(0) });
    const run = (cfg: typeof m.lm.config, w: typeof wd) => speculativeGenerate({ target: eagerLM(m.lm.config, wt), draft: eagerLM(cfg, w), prompt, maxNewTokens: NEW, k: 4, sampler: { temperature: 0 }, rng: mulberry32(0) });
    const [distill, draft] = [await run(m['lm-distill'].config, wdist), await run(m['lm-draft'].config, wd)];
    expect(distill.newIds).toEqual(plain.newIds);
    const [a, b] = [specStats(distill.rounds), specStats(draft.rounds)];
    console.log(`k=4 greedy: lm-distill ${a.accepted}/${a.drafted} in ${distill.rounds.length} calls; lm-draft ${b.accepted}/${b.drafted} in ${draft.rounds.length} calls`);
    expect(a.accepted / a.drafted).toBeGreaterThan(b.accepted / b.drafted);
    expect(distill.rounds.length).toBeLessThan(draft.rounds.length);
    inLesson(`with $k = 4$, \`lm-distill\` has ${a.accepted} of ${a.drafted} drafts accepted and the ${NEW} tokens take ${distill.rounds.length} calls of \`lm\`, against ${b.accepted} of ${b.drafted} and ${draft.rounds.length} calls with \`lm-draft\``);
  }, 120_000);

  it('the lesson quotes the parameter counts and lm-draft\'s recorded agreement with lm from the manifest', () => {
    const num = (n: number) => n.toLocaleString('en');
    inLesson(`\`lm\` (${num(m.lm.params)} parameters) as the target and \`lm-draft\` (${num(m['lm-draft'].params)} parameters`);
    const d = (m['lm-draft'] as unknown as { draftFor: { greedyTop1Agreement: number; meanAcceptanceProbability: number } }).draftFor;
    inLesson(`the same greedy top-1 token at ${(100 * d.greedyTop1Agreement).toFixed(1)}% of positions, and a mean $\\sum_x \\min(p, q)$ of ${(100 * d.meanAcceptanceProbability).toFixed(1)}%`);
    inLesson(`only about ${Math.round(m.lm.params / m['lm-draft'].params)} times smaller than \`lm\``);
    inLesson(`\`lm\` is small (${(m.lm.params * 4 / 1e6).toFixed(1)} MB of 32-bit weights)`);
  }, 60_000);
});

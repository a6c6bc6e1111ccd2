import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paramCount } from '@/lib/model/init';
import { charIds, fitIsoFlop, LIVE_VOCAB, liveConfig, liveExperiment, livePlan, type LiveEvent } from '@/lib/scale/live';
import { gradStats, runScaleJob, type ScaleEvent, type ScaleJob } from '@/lib/scale/jobs';
import { FP16_RANGE, classifyScaled, sortedMagnitudes } from '@/lib/quant/half-range';

const io = (events: ScaleEvent[]) => ({
  fetchText: async (u: string) => readFileSync(u.replace(/^\//, u.startsWith('/data') ? 'public/' : ''), 'utf8'),
  fetchBytes: async (u: string) => new Uint8Array(readFileSync(u.replace(/^\//, ''))),
  emit: (e: ScaleEvent) => events.push(e),
  cancelled: () => false,
});

describe('live scaling experiment', () => {
  it('maps lower-cased characters to 38 ids, unknown ones to the last', () => {
    expect(LIVE_VOCAB).toBe(38);
    expect(charIds('Ab z\n!é')).toEqual([0, 1, 26, 25, 27, 34, 37]);
  });

  it('gives each width D = ⌊C / 6N⌋ tokens, N counted from the config (the file header example)', () => {
    const p = livePlan(1e9);
    expect(p.map((r) => r.d)).toEqual([8, 12, 16, 24]);
    expect(p[0].params).toBe(paramCount(liveConfig(8, 64)));
    // d 8: tok_emb 38·8 + 2 × (2·8 norms + 4·8² attention + 2·8·32 MLP) + 8 final norm
    expect(p[0].params).toBe(38 * 8 + 2 * (16 + 4 * 64 + 2 * 8 * 32) + 8);
    expect(p[0]).toMatchObject({ params: 1880, tokens: 88652, steps: 1385 }); // the file header example
    for (const r of p) {
      expect(r.tokens).toBe(Math.floor(1e9 / (6 * r.params)));
      expect(r.steps).toBe(Math.floor(r.tokens / 64));
    }
  });

  const train = charIds('it is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife. '.repeat(8));
  const val = charIds('however little known the feelings or views of such a man may be on his first entering a neighbourhood. '.repeat(3));
  const run = (seed: number): LiveEvent[] => [...liveExperiment({ train, val, budget: 2e7, seed, valWindows: 2, evals: 2 })];

  it('is deterministic for a seed and changes with the seed', () => {
    const a = run(3);
    const b = run(3);
    expect(b).toEqual(a);
    const finals = (ev: LiveEvent[]) => ev.filter((e) => e.step === e.steps && e.valLoss !== null).map((e) => e.valLoss);
    expect(finals(a)).toHaveLength(4);
    expect(finals(run(4))).not.toEqual(finals(a));
    // compute spent = 6·N·tokens, and every model starts near ln 38 (uniform guessing)
    const plan = livePlan(2e7);
    for (const e of a) expect(e.flops).toBe(6 * plan[e.model].params * e.tokens);
    for (const e of a.filter((x) => x.step === 0)) expect(Math.abs(e.valLoss! - Math.log(38))).toBeLessThan(0.5);
  });

  it('the job reads the excerpt and reports a plan, steps and done', async () => {
    const ev: ScaleEvent[] = [];
    await runScaleJob({ kind: 'live', excerptUrl: '/data/corpus-excerpt.json', budget: 1e7, seed: 1 }, io(ev));
    expect(ev[0].type).toBe('plan');
    expect(ev.at(-1)).toMatchObject({ type: 'done', cancelled: false });
    const plan = ev[0].type === 'plan' ? ev[0] : null;
    expect(plan!.trainChars).toBeGreaterThan(40000);
  });
});

describe('fitIsoFlop: a parabola in ln N', () => {
  it('goes exactly through three points and finds their minimum (the header example)', () => {
    const f = fitIsoFlop([Math.E, Math.E ** 2, Math.E ** 3], [2, 1, 2]);
    expect(f.a).toBeCloseTo(5, 10);
    expect(f.b).toBeCloseTo(-4, 10);
    expect(f.c).toBeCloseTo(1, 10);
    expect(f.nOpt!).toBeCloseTo(Math.E ** 2, 8);
    expect(f.inside).toBe(true);
  });

  it('recovers a known parabola from four points, and says when the minimum lies outside or there is none', () => {
    const n = [1000, 3000, 9000, 27000];
    const L = n.map((v) => 2 + 0.1 * (Math.log(v) - Math.log(5000)) ** 2);
    const f = fitIsoFlop(n, L);
    expect(f.nOpt!).toBeCloseTo(5000, 6);
    expect(fitIsoFlop(n, n.map((v) => 2 + 0.1 * (Math.log(v) - Math.log(100)) ** 2))).toMatchObject({ inside: false });
    expect(fitIsoFlop(n, n.map((v) => 3 - 0.1 * Math.log(v) ** 2)).nOpt).toBeNull(); // opens downwards
  });
});

describe("lm's gradients in fp16 and bf16", () => {
  it('a real backward pass of lm: every count agrees with classifyScaled on the same gradients', async () => {
    const ev: ScaleEvent[] = [];
    const config = JSON.parse(readFileSync('models/lm/config.json', 'utf8'));
    const job: ScaleJob = { kind: 'grads', excerptUrl: '/data/corpus-excerpt.json', weightsUrl: '/models/lm/model.safetensors', tokenizerUrl: '/models/tokenizer/austen-bpe-4096.json', config, tokens: 8 };
    await runScaleJob(job, io(ev));
    const g = ev.find((e) => e.type === 'grads');
    expect(g, JSON.stringify(ev.find((e) => e.type === 'error'))).toBeDefined();
    const s = g!.type === 'grads' ? g!.stats : null!;
    expect(s.count).toBe(2_099_328); // one gradient per weight of lm
    expect(s.tokens).toBe(8);
    expect(s.hist.reduce((a, b) => a + b, 0)).toBe(s.count - s.zeros);
    for (const r of s.perK) {
      expect(r.fp16.zero + r.fp16.subnormal + r.fp16.normal + r.fp16.inf).toBe(s.count - s.zeros);
      expect(r.bf16.zero).toBe(0); // bf16 has fp32's exponent range
    }
    // lm's gradients are small: some underflow in fp16 at scale 1, and large scales overflow
    expect(s.perK[0].fp16.zero).toBeGreaterThan(0);
    expect(s.perK.at(-1)!.fp16.inf).toBeGreaterThan(0);
    expect(s.perK[s.bestK].fp16.zero).toBeLessThan(s.perK[0].fp16.zero);
  }, 20_000);

  it('gradStats on hand-made gradients', () => {
    const s = gradStats([Float32Array.of(0, 2 ** -26, -(2 ** -20), 0.5)], 1, 1);
    expect(s).toMatchObject({ count: 4, zeros: 1, minAbs: 2 ** -26, maxAbs: 0.5 });
    expect(s.perK[0].fp16).toEqual(classifyScaled(sortedMagnitudes([Float32Array.of(2 ** -26, 2 ** -20, 0.5)]).abs, 0, FP16_RANGE));
    expect(s.perK[0].fp16).toMatchObject({ zero: 1, subnormal: 1, normal: 1 });
    expect(s.bestK).toBe(16); // 0.5 · 2^16 = 32768 fits; 0.5 · 2^17 = 65536 ≥ 65520 → ∞
  });
});

import { describe, expect, it } from 'vitest';
import { accuracy, cloneWeights, lossAndGrads, warmupCosine } from '@/lib/train';
import { PlaygroundRun, defaultSpec, heldOutIndices, questionSpace } from '@/lib/train/playground';
import { runSteps } from '@/lib/train/loop';
import { mulberry32 } from '@/lib/tensor';

const losses = (seed: number, n: number): number[] => {
  const run = new PlaygroundRun(defaultSpec({ seed }));
  return Array.from({ length: n }, () => run.trainStep().loss);
};

describe('a playground run', () => {
  it('is reproducible: the same seed gives bit-identical losses, another seed different ones', () => {
    const a = losses(7, 4);
    expect(losses(7, 4)).toEqual(a);
    expect(losses(8, 4)).not.toEqual(a);
  });

  it('never trains on a held-out question', () => {
    const run = new PlaygroundRun(defaultSpec({ task: { kind: 'modadd', symbols: 5, length: 2 } }));
    expect(run.heldOut.length).toBe(12); // ⌊25 / 2⌋
    const held = new Set(run.heldOut.map((e) => e.tokens.slice(0, 2).join()));
    for (const ex of run.trainProbe) expect(held.has(ex.tokens.slice(0, 2).join())).toBe(false);
    for (let i = 0; i < 20; i++) for (const ex of run.nextBatch()) expect(held.has(ex.tokens.slice(0, 2).join())).toBe(false);
  });

  it('draws min(32, ⌊space / 2⌋) distinct held-out questions (space = nᴸ)', () => {
    expect(questionSpace({ kind: 'sort', symbols: 6, length: 4 })).toBe(1296);
    const idx = heldOutIndices({ kind: 'sort', symbols: 6, length: 4 }, mulberry32(3));
    expect(new Set(idx).size).toBe(32);
    expect(heldOutIndices({ kind: 'copy', symbols: 2, length: 2 }, mulberry32(3)).length).toBe(2);
  });

  it('follows the warm-up + cosine schedule', () => {
    const spec = defaultSpec({ warmup: 4, steps: 10, lr: 0.02 });
    const run = new PlaygroundRun(spec);
    const lrs = Array.from({ length: 5 }, () => run.trainStep().lr);
    expect(lrs).toEqual([0, 1, 2, 3, 4].map((s) => warmupCosine({ lrMax: 0.02, warmup: 4, total: 10 }, s)));
    expect(lrs[3]).toBe(0.02);
  });

  it('evaluates held-out loss as the GradOps loss and accuracy as tasks.accuracy, with causal attention rows summing to 1', () => {
    const run = new PlaygroundRun(defaultSpec({ nLayer: 1 }));
    for (let i = 0; i < 3; i++) run.trainStep();
    const e = run.evaluate();
    const ref = run.heldOut.reduce((s, ex) => s + lossAndGrads(cloneWeights(run.weights), run.cfg, ex.tokens, { targets: ex.targets }).loss, 0) / run.heldOut.length;
    expect(e.loss).toBeCloseTo(ref, 5);
    const acc = accuracy(run.cfg, run.weights, run.heldOut);
    expect(e.token).toBe(acc.token);
    expect(e.exact).toBe(acc.exact);
    const tr = accuracy(run.cfg, run.weights, run.trainProbe);
    expect(e.train.token).toBe(tr.token);
    const T = e.tokens.length;
    expect(e.attention.length).toBe(1);
    expect(e.attention[0].length).toBe(2);
    const a = e.attention[0][1];
    for (let q = 0; q < T; q++) {
      let s = 0;
      for (let k = 0; k < T; k++) s += a[q * T + k];
      expect(s).toBeCloseTo(1, 5);
      for (let k = q + 1; k < T; k++) expect(a[q * T + k]).toBe(0);
    }
  });

  it('lowers the held-out loss on copy within 30 steps (seed 1)', () => {
    const run = new PlaygroundRun(defaultSpec());
    const before = run.evaluate().loss;
    for (let i = 0; i < 30; i++) run.trainStep();
    const after = run.evaluate().loss;
    expect(before).toBeGreaterThan(1.5); // ≈ ln 7 = 1.95 for uniform guesses over 7 tokens
    expect(after).toBeLessThan(0.6 * before);
  });

  it('rejects a width that does not split into even heads', () => {
    expect(() => new PlaygroundRun(defaultSpec({ dModel: 12, nHead: 4 }))).toThrow(/even size/);
  });
});

describe('runSteps', () => {
  it('runs n steps, flushing results in slices, and stops when cancelled', async () => {
    let t = 0;
    const chunks: number[][] = [];
    const r = await runSteps(5, (i) => { t += 10; return i; }, { cancelled: () => false, flush: (rs) => chunks.push(rs), sliceMs: 25, now: () => t });
    expect(r).toEqual({ done: 5, cancelled: false });
    expect(chunks).toEqual([[0, 1, 2], [3, 4]]);
    let stop = false;
    const got: number[] = [];
    const c = await runSteps(10, (i) => { if (i === 2) stop = true; return i; }, { cancelled: () => stop, flush: (rs) => got.push(...rs) });
    expect(c).toEqual({ done: 3, cancelled: true });
    expect(got).toEqual([0, 1, 2]);
  });
});

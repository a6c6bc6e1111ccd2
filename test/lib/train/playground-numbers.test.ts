/**
 * The Training lesson's measured numbers: every quote matches playground.recorded.txt (written by
 * record-playground.test.ts from lib/train PlaygroundRun), and the cheap runs are recomputed here:
 * copy's first 100% held-out evaluation and SGD's first non-finite loss without clipping.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PlaygroundRun } from '@/lib/train/playground';
import { RECORDED_RUNS, type Milestones } from './playground-runs';

const rec = new Map<string, Milestones>(
  readFileSync('test/lib/train/playground.recorded.txt', 'utf8').split('\n').filter((l) => l.startsWith('RUN '))
    .map((l) => JSON.parse(l.slice(4)) as Milestones & { name: string }).map((r) => [r.name, r]),
);
const mdx = readFileSync('content/lessons/training.mdx', 'utf8').replace(/\s+/g, ' ');
const r = (name: string): Milestones => {
  const m = rec.get(name);
  if (!m) throw new Error(`no recorded run ${name}`);
  return m;
};
const n = (v: number | null): string => (v === null ? 'null' : v.toLocaleString('en'));

describe('the Training lesson quotes the recorded runs', () => {
  it('has a recorded line for every run', () => {
    expect([...rec.keys()]).toEqual(RECORDED_RUNS.map((x) => x.name));
  });
  it('quotes copy, sort and reverse', () => {
    expect(mdx).toContain(`every held-out question right at step ${r('copy').exact100} of ${r('copy').steps}`);
    expect(mdx).toContain(`right at step ${r('sort').exact50}, all of them at step ${r('sort').exact100} (of ${n(r('sort').steps)})`);
    const rev = r('reverse');
    expect(mdx).toContain(`50% at step ${rev.exact50}, 90% at ${rev.exact90}, 100% at ${rev.exact100} (of ${rev.steps}; it ends the run at ${(100 * rev.finalExact).toFixed(1)}%`);
    expect(rev.finalExact).toBe(31 / 32); // "one held-out question wrong"
    expect(mdx).toContain(`With the defaults, 100% comes at step ${rev.exact100}. With 3 layers instead of 2 it comes at step ${r('reverse-3layers').exact100}`);
  });
  it('quotes modular addition with weight decay 0.01 and 1', () => {
    const lo = r('modadd-wd0.01');
    const hi = r('modadd-wd1');
    expect(lo.exact100).toBeNull();
    expect(mdx).toContain(`right by step ${lo.train100}, but the held-out accuracy stalls: ${100 * lo.finalExact}% after ${n(lo.steps)} steps`);
    expect(mdx).toContain(`all right only at step ${n(hi.train100)}, and the held-out ones reach 100% at step ${n(hi.exact100)}`);
    expect(mdx).toContain(`training questions are all right by step ${lo.train100} and the held-out accuracy is ${100 * lo.finalExact}%`);
    expect(mdx).toContain(`training questions take until step ${n(hi.train100)}, but the held-out questions reach 100% at step ${n(hi.exact100)}`);
  });
  it('quotes the learning-rate and clipping challenges', () => {
    expect(mdx).toContain(`every held-out question is right from step ${r('copy-150-lr0.01').exact100}`);
    const hot = r('copy-150-lr0.3');
    expect(hot.finalExact).toBe(0);
    expect(mdx).toContain(`With 0.3 the held-out loss ends at ${hot.finalLoss!.toFixed(2)}`);
    expect(mdx).toContain(`the loss is NaN ("not a number") from step ${r('sgd-lr3-noclip').nonFinite} on`);
    const clip = r('sgd-lr3-clip1');
    expect(clip.nonFinite).toBeNull();
    expect(clip.finalExact).toBe(0);
    expect(mdx).toContain(`the held-out loss ends at ${clip.finalLoss!.toFixed(2)}, worse than guessing`);
    expect(clip.finalLoss!).toBeGreaterThan(Math.log(6));
  });
});

describe('recomputed now', () => {
  it('copy is first 100% right on held-out questions at the recorded step', () => {
    const m = r('copy');
    const run = new PlaygroundRun(RECORDED_RUNS[0].spec);
    const exact: number[] = [];
    while (run.step < m.exact100!) {
      run.trainStep();
      if (run.step % m.every === 0) exact.push(run.evaluate().exact);
    }
    expect(exact[exact.length - 1]).toBe(1);
    expect(exact.slice(0, -1).every((e) => e < 1)).toBe(true);
  });
  it('SGD at learning rate 3 without clipping first gives a non-finite loss at the recorded step', () => {
    const spec = RECORDED_RUNS.find((x) => x.name === 'sgd-lr3-noclip')!.spec;
    const run = new PlaygroundRun(spec);
    let first: number | null = null;
    while (first === null && run.step < 40) {
      const rep = run.trainStep();
      if (!Number.isFinite(rep.loss)) first = rep.step;
    }
    expect(first).toBe(r('sgd-lr3-noclip').nonFinite);
  });
});

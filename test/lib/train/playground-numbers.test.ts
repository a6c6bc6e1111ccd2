/**
 * The Training lesson's measured numbers: every quote matches playground.recorded.txt (written by
 * record-playground.test.ts from lib/train PlaygroundRun), and the cheap runs are recomputed here:
 * copy's first 100% held-out evaluation and SGD's first non-finite loss without clipping.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HELD_OUT, INIT_STD, PlaygroundRun, SGD_MOMENTUM, defaultSpec, questionSpace } from '@/lib/train/playground';
import { trainPlaygroundSchema, type TrainPlaygroundState } from '@/components/widgets/train-playground';
import { BATCH, evalEvery, specOf } from '@/components/widgets/train-playground/layout';
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
    // "Reverse starts later than sort, then overtakes it"
    const sort = r('sort');
    expect(rev.exact50!).toBeGreaterThan(sort.exact50!);
    expect(rev.exact90!).toBeLessThan(sort.exact90!);
    expect(rev.exact100!).toBeLessThan(sort.exact100!);
    expect(mdx).toContain(`With the defaults, 100% comes at step ${rev.exact100}. With 3 layers instead of 2 it comes at step ${r('reverse-3layers').exact100}`);
  });
  it('quotes modular addition with weight decay 0.01 and 1', () => {
    const lo = r('modadd-wd0.01');
    const hi = r('modadd-wd1');
    const pct = (v: number | null): string => `${Math.round(100 * v!)}%`;
    expect(lo.exact100).toBeNull();
    expect(lo.exact90).toBeNull();
    expect(mdx).toContain(`right at step ${lo.train100}, when only ${pct(lo.heldAtTrain100)} of the held-out ones are right, and the held-out accuracy stops short: ${100 * lo.finalExact}% after ${n(lo.steps)} steps`);
    expect(mdx).toContain(`first all right at step ${n(hi.train100)}, when ${pct(hi.heldAtTrain100)} of the held-out ones already are, and the held-out ones reach 100% at step ${n(hi.exact100)}`);
    expect(mdx).toContain(`training questions are all right at step ${lo.train100}, when only ${pct(lo.heldAtTrain100)} of the held-out ones are, and the held-out accuracy is ${100 * lo.finalExact}% at the end`);
    expect(mdx).toContain(`take until step ${n(hi.train100)}, when ${pct(hi.heldAtTrain100)} of the held-out ones already are, and the held-out questions reach 100% at step ${n(hi.exact100)}`);
    // "the held-out accuracy rises mostly alongside the training accuracy"; "whether the held-out accuracy got to 100% at all"
    expect(hi.heldAtTrain100!).toBeGreaterThanOrEqual(0.9);
    expect(hi.finalExact).toBe(1);
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

/** The widget settings the lesson tells the reader to choose for each recorded run. */
const AS_TOLD: Record<string, Partial<TrainPlaygroundState>> = {
  copy: {},
  reverse: { task: 'reverse', steps: 600 },
  sort: { task: 'sort', steps: 1000 },
  'modadd-wd0.01': { task: 'modadd', symbols: 11, steps: 3000 },
  'modadd-wd1': { task: 'modadd', symbols: 11, steps: 3000, wd: 1 },
  'reverse-3layers': { task: 'reverse', steps: 600, layers: 3 },
  'copy-150-lr0.01': { steps: 150 },
  'copy-150-lr0.3': { steps: 150, lr: 0.3 },
  'sgd-lr3-noclip': { steps: 150, opt: 'sgd', lr: 3, clip: 0 },
  'sgd-lr3-clip1': { steps: 150, opt: 'sgd', lr: 3 },
};

describe('the setup the lesson describes', () => {
  it('replays every recorded run from the widget settings the lesson gives', () => {
    for (const { name, spec } of RECORDED_RUNS) expect(specOf({ ...trainPlaygroundSchema.defaults, ...AS_TOLD[name] }), name).toEqual(spec);
  });
  it('quotes the defaults, the batch, the evaluation cadence and the model size', () => {
    const d = defaultSpec();
    if (d.task.kind === 'text') throw new Error('the default task is a question task');
    expect(mdx).toContain(`(AdamW, peak learning rate ${d.lr}, ${d.warmup} warm-up steps, weight decay ${d.weightDecay}, batch ${BATCH}, seed ${d.seed}; ${d.task.symbols} symbols, questions of length ${d.task.length})`);
    expect(mdx).toContain(`(here ${BATCH} questions)`);
    expect(mdx).toContain(`(every ${evalEvery(300)} steps; every ${evalEvery(3000)} in 3,000-step runs)`);
    expect(mdx).toContain(`The playground clips at ${d.clip} by default`);
    expect(mdx).toContain(`With $\\mu = ${SGD_MOMENTUM}$ (the playground's value)`);
    expect(mdx).toContain(`(standard deviation ${INIT_STD})`);
    expect(mdx).toContain(`by default ${d.nLayer} layers, ${d.nHead} heads and width ${d.dModel} — about 21,000 parameters`);
    expect(Math.round(new PlaygroundRun(d).params / 1000)).toBe(21); // 20,864
  });
  it('quotes the size of the modular-addition table and its held-out split', () => {
    const t = { kind: 'modadd' as const, symbols: 11, length: 2 };
    expect(questionSpace(t)).toBe(121);
    expect(Math.min(HELD_OUT, Math.floor(121 / 2))).toBe(32);
    expect(mdx).toContain('has only 121 possible questions; 32 of them are held out');
    expect(mdx).toContain(`$\\ln 6 \\approx ${Math.log(6).toFixed(2)}$`);
  });
});

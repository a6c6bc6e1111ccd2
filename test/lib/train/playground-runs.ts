/** The playground runs the Training lesson quotes, and how to measure one (shared by the record and the check). */
import { PlaygroundRun, defaultSpec, type PlaygroundSpec } from '@/lib/train/playground';

export const EVAL_EVERY = 25;

export const RECORDED_RUNS: { name: string; spec: PlaygroundSpec }[] = [
  { name: 'copy', spec: defaultSpec() },
  { name: 'reverse', spec: defaultSpec({ task: { kind: 'reverse', symbols: 6, length: 4 }, steps: 600 }) },
  { name: 'sort', spec: defaultSpec({ task: { kind: 'sort', symbols: 6, length: 4 }, steps: 1000 }) },
  { name: 'modadd-wd0.01', spec: defaultSpec({ task: { kind: 'modadd', symbols: 11, length: 2 }, steps: 3000 }) },
  { name: 'modadd-wd1', spec: defaultSpec({ task: { kind: 'modadd', symbols: 11, length: 2 }, steps: 3000, weightDecay: 1 }) },
];

export interface Milestones {
  /** First evaluated step with held-out exact-match accuracy ≥ 50%, ≥ 90%, = 100% (null: never). */
  exact50: number | null;
  exact90: number | null;
  exact100: number | null;
  /** First evaluated step with training-probe exact-match = 100%. */
  train100: number | null;
  /** Held-out exact-match and loss at the end. */
  finalExact: number;
  finalLoss: number;
  steps: number;
}

export function milestones(spec: PlaygroundSpec): Milestones {
  const run = new PlaygroundRun(spec);
  const m: Milestones = { exact50: null, exact90: null, exact100: null, train100: null, finalExact: 0, finalLoss: 0, steps: spec.steps };
  while (run.step < spec.steps) {
    run.trainStep();
    if (run.step % EVAL_EVERY !== 0) continue;
    const e = run.evaluate();
    if (m.exact50 === null && e.exact >= 0.5) m.exact50 = run.step;
    if (m.exact90 === null && e.exact >= 0.9) m.exact90 = run.step;
    if (m.exact100 === null && e.exact >= 1) m.exact100 = run.step;
    if (m.train100 === null && e.train.exact >= 1) m.train100 = run.step;
    m.finalExact = e.exact;
    m.finalLoss = Number(e.loss.toFixed(4));
  }
  return m;
}

/** The playground runs the Training lesson quotes, and how to measure one (shared by the record and the check). */
import { PlaygroundRun, defaultSpec, type PlaygroundSpec } from '@/lib/train/playground';
import { evalEvery } from '@/components/widgets/train-playground/layout';

const task = (kind: 'copy' | 'reverse' | 'sort' | 'modadd', symbols = 6, length = 4) => ({ kind, symbols, length: kind === 'modadd' ? 2 : length });

export const RECORDED_RUNS: { name: string; spec: PlaygroundSpec }[] = [
  { name: 'copy', spec: defaultSpec() },
  { name: 'reverse', spec: defaultSpec({ task: task('reverse'), steps: 600 }) },
  { name: 'sort', spec: defaultSpec({ task: task('sort'), steps: 1000 }) },
  { name: 'modadd-wd0.01', spec: defaultSpec({ task: task('modadd', 11), steps: 3000 }) },
  { name: 'modadd-wd1', spec: defaultSpec({ task: task('modadd', 11), steps: 3000, weightDecay: 1 }) },
  { name: 'reverse-3layers', spec: defaultSpec({ task: task('reverse'), steps: 600, nLayer: 3 }) },
  { name: 'copy-150-lr0.01', spec: defaultSpec({ steps: 150 }) },
  { name: 'copy-150-lr0.3', spec: defaultSpec({ steps: 150, lr: 0.3 }) },
  { name: 'sgd-lr3-noclip', spec: defaultSpec({ steps: 150, optimizer: 'sgd', lr: 3, clip: Infinity }) },
  { name: 'sgd-lr3-clip1', spec: defaultSpec({ steps: 150, optimizer: 'sgd', lr: 3 }) },
];

export interface Milestones {
  /** Evaluation cadence (the widget's evalEvery(steps)). */
  every: number;
  /** First evaluated step with held-out exact-match accuracy ≥ 50%, ≥ 90%, = 100% (null: never). */
  exact50: number | null;
  exact90: number | null;
  exact100: number | null;
  /** First evaluated step with training-probe exact-match = 100%. */
  train100: number | null;
  /** Held-out exact-match at that step (null: never). */
  heldAtTrain100: number | null;
  /** First training step whose batch loss is not a finite number (null: none). */
  nonFinite: number | null;
  /** Held-out exact-match and loss at the end (loss to 4 decimals; null when not finite). */
  finalExact: number;
  finalLoss: number | null;
  steps: number;
}

export function milestones(spec: PlaygroundSpec): Milestones {
  const run = new PlaygroundRun(spec);
  const every = evalEvery(spec.steps);
  const m: Milestones = { every, exact50: null, exact90: null, exact100: null, train100: null, heldAtTrain100: null, nonFinite: null, finalExact: 0, finalLoss: 0, steps: spec.steps };
  while (run.step < spec.steps) {
    const r = run.trainStep();
    if (m.nonFinite === null && !Number.isFinite(r.loss)) m.nonFinite = r.step;
    if (run.step % every !== 0) continue;
    const e = run.evaluate();
    if (m.exact50 === null && e.exact >= 0.5) m.exact50 = run.step;
    if (m.exact90 === null && e.exact >= 0.9) m.exact90 = run.step;
    if (m.exact100 === null && e.exact >= 1) m.exact100 = run.step;
    if (m.train100 === null && e.train.exact >= 1) {
      m.train100 = run.step;
      m.heldAtTrain100 = e.exact;
    }
    m.finalExact = e.exact;
    m.finalLoss = Number.isFinite(e.loss) ? Number(e.loss.toFixed(4)) : null;
  }
  return m;
}

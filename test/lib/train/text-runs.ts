/** The text-task runs the Training lesson quotes, and how to measure one (shared by the record and the check). */
import { PlaygroundRun, type PlaygroundSpec } from '@/lib/train/playground';
import { unigramEntropy } from '@/lib/train/text-task';
import { specOf } from '@/components/widgets/train-playground/layout';
import { trainPlaygroundSchema } from '@/components/widgets/train-playground';

/** The widget's defaults with the text task and a passage (what the lesson's links open). */
export const TEXT_RUNS: { name: string; spec: PlaygroundSpec }[] = (['austen', 'kjv'] as const).map((p) => ({
  name: `text-${p}`, spec: specOf({ ...trainPlaygroundSchema.defaults, task: 'text', passage: p }),
}));

export interface TextMilestones {
  /** Unigram entropy of the text, nats per character (3 decimals). */
  unigram: number;
  /** First step whose training-batch loss is below it. */
  trainBelow: number | null;
  /** Lowest held-out loss over the evaluations and its step; held-out loss and next-character accuracy at the end. */
  heldMin: number;
  heldMinStep: number;
  heldEnd: number;
  accEnd: number;
  /** Training-batch loss of the last step. */
  trainEnd: number;
  /** The greedy sample at step 0, at the lowest held-out loss, and at the end. */
  sample0: string;
  sampleMin: string;
  sampleEnd: string;
  steps: number;
}

export function textMilestones(spec: PlaygroundSpec, every: number): TextMilestones {
  const run = new PlaygroundRun(spec);
  const r3 = (x: number) => Number(x.toFixed(3));
  const e0 = run.evaluate();
  const H = unigramEntropy(run.text!.ids);
  const m: TextMilestones = { unigram: r3(H), trainBelow: null, heldMin: Infinity, heldMinStep: 0, heldEnd: 0, accEnd: 0, trainEnd: 0, sample0: e0.sample!.continuation, sampleMin: '', sampleEnd: '', steps: spec.steps };
  while (run.step < spec.steps) {
    const r = run.trainStep();
    if (m.trainBelow === null && r.loss < H) m.trainBelow = r.step;
    m.trainEnd = r3(r.loss);
    if (run.step % every !== 0) continue;
    const e = run.evaluate();
    if (e.loss < m.heldMin) {
      m.heldMin = e.loss;
      m.heldMinStep = run.step;
      m.sampleMin = e.sample!.continuation;
    }
    m.heldEnd = r3(e.loss);
    m.accEnd = r3(e.token);
    m.sampleEnd = e.sample!.continuation;
  }
  m.heldMin = r3(m.heldMin);
  return m;
}

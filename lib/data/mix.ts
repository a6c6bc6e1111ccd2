/**
 * The training mix of a model, from its manifest entry and training log: how many tokens each
 * source has, the share of training windows drawn from it, and how many tokens of it the
 * shipped weights saw (expected values; rows are drawn at random by weight).
 *
 * training/data.py draws each batch row from source c with probability w_c / Σw; training/train.py
 * with --anneal-frac switches to the first source only from step `annealFromStep` on. The shipped
 * weights are those of `bestStep`, i.e. after `bestStep` optimizer steps (steps 0 … bestStep − 1).
 *
 *   trainingMix([{ name: 'a', tokens: 100, mixWeight: 2 }, { name: 'b', tokens: 50, mixWeight: 1 }],
 *               { tokensPerStep: 30, steps: 10, annealFromStep: 10 })
 *   // a: share 2/3, seen 200 tokens = 2 epochs; b: share 1/3, seen 100 = 2 epochs
 */

export interface SourceInput {
  name: string;
  tokens: number;
  mixWeight: number;
}

export interface TrainingRun {
  tokensPerStep: number;
  /** Optimizer steps the shipped weights went through. */
  steps: number;
  /** First step trained on source 0 only (≥ steps when there was no annealing). */
  annealFromStep: number;
}

export interface SourceMix extends SourceInput {
  /** Fraction of all unique training tokens. */
  tokenShare: number;
  /** Probability that a training window comes from this source (before annealing). */
  mixShare: number;
  /** Expected tokens of this source in the windows the shipped weights were trained on. */
  seen: number;
  /** seen / tokens: expected passes over this source. */
  epochs: number;
}

export function trainingMix(sources: readonly SourceInput[], run: TrainingRun): SourceMix[] {
  const totalTokens = sources.reduce((a, s) => a + s.tokens, 0);
  const totalWeight = sources.reduce((a, s) => a + s.mixWeight, 0);
  const mixed = Math.min(run.steps, run.annealFromStep) * run.tokensPerStep;
  const annealed = Math.max(0, run.steps - run.annealFromStep) * run.tokensPerStep;
  return sources.map((s, i) => {
    const mixShare = s.mixWeight / totalWeight;
    const seen = mixed * mixShare + (i === 0 ? annealed : 0);
    return { ...s, tokenShare: s.tokens / totalTokens, mixShare, seen, epochs: seen / s.tokens };
  });
}

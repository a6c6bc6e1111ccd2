/**
 * lib/align: preference training. Bradley–Terry and DPO losses with their derivatives, log π(y|x)
 * of an answer, a reward model made from lm (scalar head instead of the LM head), the KL from the
 * reference model, and a LoRA training loop for either (train.ts) that a worker runs (job.ts).
 */
export * from './preference';
export { klRows, meanKl, logSoftmaxRow } from './kl';
export { answerTargets, logProb, logProbVar, logitsOf, lastRowProbs, probeIds } from './sequence';
export { dpoLossVar, dpoStep, refLogProbs, type PairIds, type AlignStepOptions, type AlignStepResult } from './dpo';
export { RewardOps, reward, rewardLossVar, rewardStep, initRewardHead, isRewardTrainable, REWARD_HEAD } from './reward';
export { alignTrain, pairOrder, type AlignMode, type AlignOptions, type AlignReport, type AlignEval, type PairEval, type AlignRun } from './train';
export { runAlignJob, type AlignJob, type AlignEvent, type AlignIO, type PairText } from './job';
export type { AlignRequest } from './worker';

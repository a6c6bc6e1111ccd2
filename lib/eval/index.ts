export { argmaxAt, logProbAt, type EvalForward, type RunOptions } from './forward';
export { addNll, byteLevelPerplexity, chunkWindows, heldOutLoss, summarizeNll, windowNll, type Measured, type NllSum } from './perplexity';
export { accuracy, chance, continuationLogProb, normalised, NORMS, optionShares, pick, scoreItem, scoreSet, type ClozeItem, type Norm, type OptionScore, type Tokenize } from './cloze';
export { CLOZE_SET } from './cloze-set';
export { keyName, NAMES, needleGrid, needleText, plant, QUERY, scoreKey, type NeedleCell, type NeedlePlan, type Planted } from './needle';
export { continueWord, firstWord, majorityVote, selfConsistency, type SelfConsistency, type Vote } from './self-consistency';

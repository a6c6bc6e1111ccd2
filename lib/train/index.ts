/**
 * lib/train: reverse-mode gradients for the one Transformer (GradOps records a tape while it
 * computes, over the same Ops interface the model is written against), cross-entropy, AdamW and
 * SGD with momentum, warm-up + cosine schedule, clipping by global norm, and a train step.
 */
export { GradOps, type GradOptions } from './grad-ops';
export { Tape, leaf, accumulate, type Var } from './tape';
export { crossEntropy, type CrossEntropy } from './loss';
export { AdamW, SGD, clipGradNorm, globalNorm, cloneWeights, type Optimizer, type AdamWOptions, type SGDOptions, type Weights, type Grads } from './optim';
export { warmupCosine, type WarmupCosine } from './schedule';
export { modelLogits, lossAndGrads, trainStep, batchStep, shiftTokens, type Example, type LossOptions, type StepOptions, type StepResult } from './step';
export { answerOf, exampleOf, sampleExample, batches, accuracy, playgroundConfig, taskVocab, taskTokens, type TaskKind, type TaskSpec, type Accuracy } from './tasks';
export { PlaygroundRun, defaultSpec, specConfig, questionSpace, heldOutIndices, HELD_OUT, TRAIN_PROBE, SGD_MOMENTUM, INIT_STD, type PlaygroundSpec, type OptimizerKind, type StepReport as PlayStepReport, type EvalReport, type Score } from './playground';
export { runSteps, type LoopIO } from './loop';
export { GradGraph, GRAD_GRAPH_OPS, type GradGraphOptions } from './grad-graph';
export { buildTrainGraph, buildTrainModel, adamScalars, trainNames, type TrainGraph, type TrainGraphOptions, type AdamGraphOptions } from './train-graph';

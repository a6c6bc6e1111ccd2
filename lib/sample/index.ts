export { softmax, logSoftmax, argmax, rankDescending } from './softmax';
export { applyRepetitionPenalty, applyFrequencyPresencePenalty, topK, topP, minP } from './filters';
export { distribution, drawCategorical, greedy, sampleToken } from './sampler';
export type { SamplerOptions, UniformSource } from './sampler';
export type { NextLogits } from './step';
export { generate, generateStream } from './generate';
export type { GenerateOptions, GenerateResult, StopReason, TokenEvent } from './generate';
export { beamSearch } from './beam';
export type { BeamOptions, Hypothesis } from './beam';

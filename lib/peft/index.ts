/**
 * lib/peft: parameter-efficient fine-tuning. LoRA (Hu et al. 2021): adapter init, scaling α/r,
 * target projections, merge / unmerge, parameter accounting, and LoraOps, which runs the unchanged
 * transformer.ts with adapters over any Ops (eager, training tape, ONNX graph).
 */
export * from './lora';
export { LoraOps } from './lora-ops';
export { svd, lowRank, relativeLowRankErrors, type Svd } from './svd';
export { finetunePlan, loraFinetune, meanLoss, windowsOf, adapterBytes, type FinetuneOptions, type FinetuneReport, type FinetuneRun } from './finetune';
export { runFinetuneJob, greedyContinue, type FinetuneJob, type JobEvent, type JobIO } from './job';
export type { FinetuneRequest } from './worker';
export { loraFinetuneGraph, type GraphFinetuneRun } from './finetune-graph';

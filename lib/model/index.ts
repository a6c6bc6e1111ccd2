/**
 * lib/model: a Transformer written once over Ops, run eagerly (EagerOps) or recorded as an ONNX
 * graph (GraphOps → buildTransformerModel). See shared/ARCHITECTURE.md, "The one idea".
 */
export * from './config';
export type { Ops, TapFilter } from './ops';
export { EagerOps, type WeightMap } from './eager';
export { GraphOps, GRAPH_OPS, type GVal } from './graph';
export { names, allTapNames } from './names';
export { transformer, type LayerKV, type ForwardResult } from './transformer';
export { buildTransformerGraph, buildTransformerModel, type BuildOptions, type CacheMode } from './build';
export { buildDecodeGraph, buildPrefillGraph, cacheLength, eagerStep, pastFeeds, type KvCache } from './kvcache';
export { ropeFrequencies, ropeRules, baseInvFreq, type RopeFrequencies, type RopeRule } from './rope';
export { alibiSlopes } from './alibi';
export { loadWeights, checkWeights, sha256Hex, verifySha256 } from './weights';
export { parseSafetensors, writeSafetensors, f16ToF32, f32ToF16, type SafeTensor } from './safetensors';
export { presets, type PresetId } from './presets';
export { randomWeights, weightShapes, paramCount } from './init';
export { headOf } from './trace';
export { moeFeedForward, moeInLayer, moeWeightShapes, route, loadBalancingLoss, moeCost, chosenExperts, type Routing } from './moe';
export { mamba2, mamba2Step, zeroSsmState, s4dReal, s4dKernel, type SsmState, type MixerResult } from './ssm';
export { ssmDims, ssmWeightShapes, ssmStateFloats, kvCacheFloats, type SsmDims } from './ssm-shapes';
export { ssmLm, ssmLmStep, eagerSsmStep, buildSsmGraph, buildSsmModel, ssmPastFeeds, type SsmLmResult, type SsmCache, type SsmCacheMode } from './ssm-lm';
export { MOE_SSM_GRAPH_OPS } from './graph';

/** lib/spec: speculative decoding — the verification rule, a driver over two models, and KV caches that roll back. */
export { acceptanceRate, expectedSpeedup, expectedTokensPerCall, residual, verifyDraft } from './rule';
export type { TokenFate, VerifyResult } from './rule';
export { plainGenerate, speculativeGenerate, specStats } from './driver';
export type { Round, SpecLM, SpecOptions, SpecResult, SpecStats } from './driver';
export { cachedLM, eagerLM, runtimeLM, truncateKv, truncateFeeds } from './cached-lm';
export type { CachedLM, Forward, RunVariant } from './cached-lm';

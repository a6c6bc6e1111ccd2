/**
 * What a model carries from one generated token to the next, from its config (the SSM lesson):
 * a Transformer's KV cache grows with the context S; a state-space model's conv + SSM state
 * does not. Float counts from lib/model/ssm-shapes.ts; bytes at 4 per float (float32, as the
 * browser runtime keeps them).
 */
import type { TransformerConfig } from '@/lib/model/config';
import { kvCacheFloats, ssmStateFloats } from '@/lib/model/ssm-shapes';

export const BYTES_PER_FLOAT = 4;

/** Floats carried after S tokens of context, all layers. */
export function carriedFloats(cfg: TransformerConfig, S: number): number {
  return cfg.ssm ? cfg.nLayer * ssmStateFloats(cfg) : kvCacheFloats(cfg, S);
}

export interface MemoryRow {
  S: number;
  /** bytes per model, same order as the configs given */
  bytes: number[];
}

/** One row per context length: float32 bytes each config carries. */
export function memoryTable(cfgs: readonly TransformerConfig[], lengths: readonly number[]): MemoryRow[] {
  return lengths.map((S) => ({ S, bytes: cfgs.map((c) => carriedFloats(c, S) * BYTES_PER_FLOAT) }));
}

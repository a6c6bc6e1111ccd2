/**
 * Sizes and weight list of the Mamba-2 mixer (lib/model/ssm.ts), kept apart so init.ts can list
 * weights without importing the model code. Names and shapes: lib/model/config.ts, SsmConfig.
 */
import type { SsmConfig, TransformerConfig } from './config';

export interface SsmDims {
  /** Di = expand · C: inner width. */
  Di: number;
  /** H = Di / headDim: heads, each with one scalar decay A_h. */
  H: number;
  /** P = headDim */
  P: number;
  /** N = dState */
  N: number;
  /** K = convKernel */
  K: number;
  /** Dc = Di + 2N: channels of the causal conv (x, B and C). */
  Dc: number;
}

export function ssmDims(cfg: TransformerConfig): SsmDims {
  const s = cfg.ssm as SsmConfig;
  const Di = s.expand * cfg.dModel;
  return { Di, H: Di / s.headDim, P: s.headDim, N: s.dState, K: s.convKernel, Dc: Di + 2 * s.dState };
}

/** [name, shape] of block l's mixer weights. */
export function ssmWeightShapes(cfg: TransformerConfig, l: number): [string, number[]][] {
  const { Di, H, N, K, Dc } = ssmDims(cfg);
  const C = cfg.dModel;
  const p = `blocks.${l}.ssm`;
  return [
    [`${p}.in_proj.weight`, [2 * Di + 2 * N + H, C]],
    [`${p}.conv.weight`, [Dc, K]],
    [`${p}.conv.bias`, [Dc]],
    [`${p}.dt_bias`, [H]],
    [`${p}.A_log`, [H]],
    [`${p}.D`, [H]],
    [`${p}.norm.weight`, [Di]],
    [`${p}.out_proj.weight`, [C, Di]],
  ];
}

/** Floats of recurrent state one layer carries between tokens: conv (K-1)·Dc + SSM H·P·N. */
export function ssmStateFloats(cfg: TransformerConfig): number {
  const { K, Dc, H, P, N } = ssmDims(cfg);
  return (K - 1) * Dc + H * P * N;
}

/** Floats a Transformer's KV cache holds after S tokens, all layers: 2 · L · nkv · hs · S (grows with S). */
export function kvCacheFloats(cfg: TransformerConfig, S: number): number {
  return 2 * cfg.nLayer * cfg.nKvHead * (cfg.dModel / cfg.nHead) * S;
}

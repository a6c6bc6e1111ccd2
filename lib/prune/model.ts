/**
 * One entry point for the lesson: prune a model's weights by a named method and fraction, and
 * report what became zero and what it would cost to store.
 *
 *   'magnitude'         unstructured, per matrix (./magnitude.ts)
 *   'magnitude-global'  unstructured, one threshold over all prunable matrices
 *   'heads'             whole query heads, lowest ‖wo‖ first, ranked across layers (./heads.ts)
 *   'neurons'           whole MLP neurons, lowest ‖W1ⱼ‖‖W3ⱼ‖‖W2ⱼ‖ first, per layer (./neurons.ts)
 *
 * s is the fraction of units removed: weights for magnitude, query heads for heads, neurons for
 * neurons. The report counts zeros over the prunable matrices (attention + MLP) either way.
 */
import type { Tensor } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import { pruneHeads } from './heads';
import { magnitudePrune, prunableNames, type WeightMap } from './magnitude';
import { pruneNeurons } from './neurons';
import { sparsityReport, type SparsityReport } from './sparsity';

export const PRUNE_METHODS = ['magnitude', 'magnitude-global', 'heads', 'neurons'] as const;
export type PruneMethod = (typeof PRUNE_METHODS)[number];

export interface PruneSummary extends SparsityReport {
  method: PruneMethod;
  fraction: number;
  /** Units removed: weights, query heads or neurons (all layers). */
  units: number;
  /** Units there were. */
  unitsTotal: number;
}

export function pruneModel(cfg: TransformerConfig, w: WeightMap, method: PruneMethod, s: number): { weights: Map<string, Tensor>; summary: PruneSummary } {
  const names = prunableNames(cfg);
  let weights: Map<string, Tensor>;
  let units: number;
  let unitsTotal: number;
  if (method === 'heads') {
    const r = pruneHeads(cfg, w, s);
    weights = r.weights;
    units = r.pruned.length;
    unitsTotal = cfg.nLayer * cfg.nHead;
  } else if (method === 'neurons') {
    const r = pruneNeurons(cfg, w, s);
    weights = r.weights;
    units = r.pruned.reduce((a, p) => a + p.length, 0);
    unitsTotal = cfg.nLayer * cfg.dFF;
  } else {
    weights = magnitudePrune(w, names, s, method === 'magnitude' ? 'per-matrix' : 'global');
    unitsTotal = names.reduce((a, n) => a + w.get(n)!.data.length, 0);
    units = Math.round(s * unitsTotal);
    if (method === 'magnitude') units = names.reduce((a, n) => a + Math.round(s * w.get(n)!.data.length), 0);
  }
  return { weights, summary: { method, fraction: s, units, unitsTotal, ...sparsityReport(weights, names) } };
}

/**
 * Pruned variants of the shipped models, built in the worker from the fp16 weights:
 *
 *   'prune:<method>:<fraction>:<modelId>'   e.g. 'prune:heads:0.25:lm'
 *
 * The worker fetches `<modelId>`'s weights (sha256-checked), prunes them with lib/prune
 * (progress phase 'build') and serves them as an ordinary dense transformer (the zeros are
 * multiplied like any other weight). info.prune is the PruneSummary.
 * The worker keeps the last 4 of them loaded (Runtime's keepLast): each holds its own weights and graph.
 */
import { pruneModel, PRUNE_METHODS, type PruneMethod } from '@/lib/prune/model';
import type { LoadedModel } from './model';
import type { Progress } from './protocol';
import { registerModelFamily } from './provider';
import { fetchModelWeights, transformerModel } from './transformer';

export const PRUNE_PREFIX = 'prune:';

export function pruneModelId(method: PruneMethod, fraction: number, modelId = 'lm'): string {
  return `${PRUNE_PREFIX}${method}:${fraction}:${modelId}`;
}

/** 'prune:heads:0.25:lm' → parts; throws on anything else. */
export function parsePruneId(id: string): { method: PruneMethod; fraction: number; modelId: string } {
  const m = /^prune:([a-z-]+):([0-9.]+):(.+)$/.exec(id);
  const f = m ? Number(m[2]) : NaN;
  if (!m || !(PRUNE_METHODS as readonly string[]).includes(m[1]) || !(f >= 0 && f <= 1)) throw new Error(`not a pruned model id: "${id}"`);
  return { method: m[1] as PruneMethod, fraction: f, modelId: m[3] };
}

export async function fetchPruned(id: string, base: string, onProgress: (p: Progress) => void): Promise<LoadedModel> {
  const { method, fraction, modelId } = parsePruneId(id);
  const { config, weights } = await fetchModelWeights(modelId, base, onProgress);
  onProgress({ phase: 'build', loaded: 0, total: 1 });
  const r = pruneModel(config, weights, method, fraction);
  onProgress({ phase: 'build', loaded: 1, total: 1 });
  return transformerModel(config, r.weights, { prune: r.summary, base: modelId });
}

/** Registers 'prune:*' (call before the catch-all shipped-model family). */
export function registerPruneModels(modelBase = '/models/'): void {
  registerModelFamily(PRUNE_PREFIX, (id, onProgress) => fetchPruned(id, modelBase, onProgress));
}

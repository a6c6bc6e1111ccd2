/**
 * Model providers by id. The worker's default provider looks a model id up in this registry;
 * lib/runtime/transformer.ts registers the transformer models (weights from models/<id>/).
 * Tests and lab pages may register their own (e.g. a hand-built ONNX graph).
 */

import type { LoadedModel, ModelProvider } from './model';
import type { Progress } from './protocol';

type Factory = (onProgress: (p: Progress) => void) => Promise<LoadedModel>;

const registry = new Map<string, Factory>();
const prefixes: { prefix: string; factory: (modelId: string, onProgress: (p: Progress) => void) => Promise<LoadedModel> }[] = [];

/** Registers one model id. */
export function registerModel(modelId: string, factory: Factory): void {
  registry.set(modelId, factory);
}

/** Registers a family: every id starting with `prefix` (checked after exact ids). */
export function registerModelFamily(prefix: string, factory: (modelId: string, onProgress: (p: Progress) => void) => Promise<LoadedModel>): void {
  prefixes.push({ prefix, factory });
}

export const defaultProvider: ModelProvider = (modelId, onProgress) => {
  const exact = registry.get(modelId);
  if (exact) return exact(onProgress);
  const fam = prefixes.find((p) => modelId.startsWith(p.prefix));
  if (fam) return fam.factory(modelId, onProgress);
  return Promise.reject(new Error(`unknown model "${modelId}"`));
};

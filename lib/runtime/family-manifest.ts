/**
 * A shipped model's manifest when models/<id>/ has no manifest.json of its own: the family
 * manifest models/manifest.json lists every trained model as
 *   { "models": { "<id>": { "files": { "weights": "models/<id>/model.safetensors", "config": "models/<id>/config.json" }, "sha256": "…", "bytes": …, "params": … } } }
 * with paths relative to the repository root. This turns one entry into the per-model shape
 * ./transformer.ts reads (file names relative to the model's folder).
 *
 * Example: entry files.weights "models/lm/model.safetensors" → weights "model.safetensors".
 */
import { DownloadStalled, fetchJson } from './fetch';
import type { Manifest } from './transformer';

interface FamilyEntry {
  files?: { weights?: string; config?: string };
  sha256?: string;
  bytes?: number;
  params?: number;
}

/** The Manifest of `modelId` from the family manifest JSON, or null when it is not listed. */
export function fromFamilyManifest(modelId: string, family: unknown): Manifest | null {
  const e = (family as { models?: Record<string, FamilyEntry> } | null)?.models?.[modelId];
  if (!e?.files?.weights || !e.files.config || !e.sha256) return null;
  const local = (p: string) => p.replace(new RegExp(`^(models/)?${modelId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`), '');
  return {
    id: modelId,
    weights: local(e.files.weights),
    config: local(e.files.config),
    sha256: e.sha256,
    ...(e.bytes === undefined ? {} : { bytes: e.bytes }),
    ...(e.params === undefined ? {} : { params: e.params }),
  };
}

/**
 * The family manifest's entry for `modelId` under `base` ('/models/'); null when absent or
 * unreadable. A download that stalled is thrown (./fetch.ts DownloadStalled): the connection, not
 * the manifest, is what failed, and the per-model manifest would stall the same way.
 */
export async function familyManifest(modelId: string, base: string): Promise<Manifest | null> {
  try {
    const r = await fetchJson(`${base}manifest.json`);
    return r.ok ? fromFamilyManifest(modelId, r.value) : null;
  } catch (e) {
    if (e instanceof DownloadStalled) throw e;
    return null;
  }
}

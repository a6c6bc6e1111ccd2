/**
 * Build-time reader of the model manifests (written by the training / model helpers):
 * models/manifest.json (a list, `{ models: [...] }` or one entry) and/or one
 * models/<id>/manifest.json per model. Returns [] when there are none.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ManifestEntry = Record<string, unknown> & { id?: string };

/** Entries of a map `{ id: {...} }` or a list, with `id` filled in from the key. */
function entriesOf(x: unknown): ManifestEntry[] {
  if (Array.isArray(x)) return x.filter(isObject);
  if (isObject(x)) return Object.entries(x).filter(([, v]) => isObject(v)).map(([id, v]) => ({ id, ...(v as object) }));
  return [];
}

/** Models of a manifest: a list, `{ models: [...] | { id: {...} } }`, or one entry. */
export function normalizeManifest(json: unknown): ManifestEntry[] {
  if (Array.isArray(json)) return json.filter(isObject);
  if (isObject(json) && 'models' in json) return entriesOf(json.models);
  if (isObject(json) && 'tokenizers' in json) return [];
  if (isObject(json)) return [json];
  return [];
}

/** Tokenizers of a manifest `{ tokenizers: { id: {...} } }`. */
export function manifestTokenizers(json: unknown): ManifestEntry[] {
  return isObject(json) ? entriesOf(json.tokenizers) : [];
}

export interface Manifests {
  entries: ManifestEntry[];
  tokenizers: ManifestEntry[];
  error?: string;
}

/** All manifests under root/models, models deduplicated by id (models/manifest.json wins). */
export function readManifest(root = process.cwd()): Manifests {
  const dir = join(root, 'models');
  if (!existsSync(dir)) return { entries: [], tokenizers: [] };
  const files = [join(dir, 'manifest.json')];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.isDirectory()) files.push(join(dir, e.name, 'manifest.json'));
  }
  const entries: ManifestEntry[] = [];
  const tokenizers: ManifestEntry[] = [];
  const errors: string[] = [];
  for (const f of files.filter((x) => existsSync(x))) {
    try {
      const json = JSON.parse(readFileSync(f, 'utf8'));
      for (const e of normalizeManifest(json)) if (!entries.some((x) => x.id !== undefined && x.id === e.id)) entries.push(e);
      tokenizers.push(...manifestTokenizers(json));
    } catch (e) {
      errors.push(`${f.slice(root.length + 1)} could not be read: ${(e as Error).message}`);
    }
  }
  return errors.length ? { entries, tokenizers, error: errors.join(' · ') } : { entries, tokenizers };
}

/** Ids of the entries that ship a training log (models/<id>/training-log.json, served at /models/<id>/). */
export function trainingLogIds(entries: readonly ManifestEntry[], root = process.cwd()): Set<string> {
  const ids = entries.map((e) => e.id).filter((id): id is string => typeof id === 'string' && /^[\w.-]+$/.test(id));
  return new Set(ids.filter((id) => existsSync(join(root, 'models', id, 'training-log.json'))));
}

function isObject(x: unknown): x is ManifestEntry {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

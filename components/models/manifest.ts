/**
 * Build-time reader of models/manifest.json (written by the training helper). Accepts a list of
 * model entries, `{ models: [...] }`, or a single entry; returns [] when the file is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ManifestEntry = Record<string, unknown> & { id?: string };

export function normalizeManifest(json: unknown): ManifestEntry[] {
  if (Array.isArray(json)) return json.filter(isObject);
  if (isObject(json) && Array.isArray(json.models)) return json.models.filter(isObject);
  if (isObject(json)) return [json];
  return [];
}

export function readManifest(root = process.cwd()): { entries: ManifestEntry[]; error?: string } {
  const file = join(root, 'models', 'manifest.json');
  if (!existsSync(file)) return { entries: [] };
  try {
    return { entries: normalizeManifest(JSON.parse(readFileSync(file, 'utf8'))) };
  } catch (e) {
    return { entries: [], error: `models/manifest.json could not be read: ${(e as Error).message}` };
  }
}

function isObject(x: unknown): x is ManifestEntry {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

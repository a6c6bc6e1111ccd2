/**
 * Build-time reader of the model manifests (written by the training / model helpers):
 * models/manifest.json (a list, `{ models: [...] }` or one entry) and/or one
 * models/<id>/manifest.json per model. Returns [] when there are none.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ManifestEntry = Record<string, unknown> & { id?: string };

export function normalizeManifest(json: unknown): ManifestEntry[] {
  if (Array.isArray(json)) return json.filter(isObject);
  if (isObject(json) && Array.isArray(json.models)) return json.models.filter(isObject);
  if (isObject(json)) return [json];
  return [];
}

export function readManifest(root = process.cwd()): { entries: ManifestEntry[]; error?: string } {
  const dir = join(root, 'models');
  if (!existsSync(dir)) return { entries: [] };
  const files = [join(dir, 'manifest.json')];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.isDirectory()) files.push(join(dir, e.name, 'manifest.json'));
  }
  const entries: ManifestEntry[] = [];
  const errors: string[] = [];
  for (const f of files.filter((x) => existsSync(x))) {
    try {
      entries.push(...normalizeManifest(JSON.parse(readFileSync(f, 'utf8'))));
    } catch (e) {
      errors.push(`${f.slice(root.length + 1)} could not be read: ${(e as Error).message}`);
    }
  }
  return errors.length ? { entries, error: errors.join(' · ') } : { entries };
}

function isObject(x: unknown): x is ManifestEntry {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
